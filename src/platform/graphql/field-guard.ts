import {
  defaultFieldResolver,
  getNamedType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  responsePathAsArray,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { FieldDecision } from '../access-log/recorder';
import type { RequestContext } from './context';
import { HubError } from './errors';

export type FieldVerdict = {
  decision: FieldDecision;
  subjectType: string;
  subjectId: string;
  /** The audited path inside the subject, e.g. `caller.phone`. */
  path: string;
  /** Turns a clear string into its masked form (used when the decision is MASKED). */
  mask?: (value: string) => string;
  /** Recorded with the access when it is not the request's own operation (e.g. a break-glass read). */
  operation?: string;
};

/** Decides, per field read, whether the principal gets it clear, masked or not at all. */
export interface FieldGuard<Context extends RequestContext> {
  readonly types: ReadonlySet<string>;
  decide(typeName: string, fieldName: string, parent: unknown, ctx: Context): FieldVerdict | undefined;
}

/**
 * Wraps every field of the guarded types so that each read is decided by the policy and recorded
 * in the request's access log (docs/design.md decision 3). Resolvers stay unaware of masking.
 *  - ALLOWED: resolved as is;
 *  - MASKED: resolved, then masked (lists and connections come back empty);
 *  - DENIED: a nullable field is withheld with FORBIDDEN on that path only; a non-null one gets
 *    its placeholder, so the rest of the record still arrives.
 */
export function guardSchema<Context extends RequestContext>(schema: GraphQLSchema, guard: FieldGuard<Context>): GraphQLSchema {
  for (const typeName of guard.types) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) wrapField(typeName, field, guard);
  }
  return schema;
}

function wrapField<Context extends RequestContext>(typeName: string, field: GraphQLField<unknown, Context>, guard: FieldGuard<Context>): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  const nullable = !isNonNullType(field.type);
  const empty = emptyValueOf(field.type) ?? placeholderOf(field.type);
  field.resolve = (parent, args, ctx, info) => {
    const verdict = guard.decide(typeName, field.name, parent, ctx);
    if (!verdict) return resolve(parent, args, ctx, info);
    ctx.access.record(verdict.subjectType, verdict.subjectId, verdict.path, verdict.decision, verdict.operation);
    switch (verdict.decision) {
      case 'ALLOWED':
        return resolve(parent, args, ctx, info);
      case 'DENIED':
        if (nullable || !empty) throw withheld(verdict.path, info);
        return empty();
      case 'MASKED': {
        const maskValue = verdict.mask;
        if (!maskValue) {
          if (nullable) return null;
          if (!empty) throw withheld(verdict.path, info);
          return empty();
        }
        return Promise.resolve(resolve(parent, args, ctx, info)).then((value) => (typeof value === 'string' ? maskValue(value) : nullable ? null : empty?.()));
      }
    }
  };
}

/** FORBIDDEN on this field only, already located (graphql-js then does not copy it). */
function withheld(path: string, info: GraphQLResolveInfo): HubError {
  return new HubError('FORBIDDEN', `${path} is withheld from your role`, {}, { path: responsePathAsArray(info.path), nodes: info.fieldNodes });
}

const PLACEHOLDER = '（内容已按权限隐去）';

/** What a non-null scalar shows when it is withheld: a placeholder text, false, 0. */
function placeholderOf(type: GraphQLField<unknown, unknown>['type']): (() => unknown) | undefined {
  const named = getNamedType(type);
  switch (named.name) {
    case 'String':
      return () => PLACEHOLDER;
    case 'Boolean':
      return () => false;
    case 'Int':
    case 'Float':
      return () => 0;
    default:
      return undefined;
  }
}

/** Lists become [], Relay connections an empty page; scalars have no empty value. */
function emptyValueOf(type: GraphQLField<unknown, unknown>['type']): (() => unknown) | undefined {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  if (isListType(inner) || inner instanceof GraphQLList) return () => [];
  const named = getNamedType(type);
  if (named instanceof GraphQLObjectType && 'edges' in named.getFields() && 'pageInfo' in named.getFields()) {
    return () => ({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  }
  return undefined;
}
