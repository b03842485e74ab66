import {
  defaultFieldResolver,
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
 *  - MASKED: resolved, then masked;
 *  - DENIED: withheld with FORBIDDEN on that path. A value the caller may not see is never replaced
 *    by a plausible one (a withheld `false`, an empty list that looks real): a withheld non-null
 *    field makes its nearest nullable parent null, as GraphQL does for any error there.
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
  field.resolve = (parent, args, ctx, info) => {
    const verdict = guard.decide(typeName, field.name, parent, ctx);
    if (!verdict) return resolve(parent, args, ctx, info);
    ctx.access.record(verdict.subjectType, verdict.subjectId, verdict.path, verdict.decision, verdict.operation);
    switch (verdict.decision) {
      case 'ALLOWED':
        return resolve(parent, args, ctx, info);
      case 'DENIED':
        throw withheld(verdict.path, info);
      case 'MASKED': {
        const maskValue = verdict.mask;
        // Only strings have a masked form; anything else the policy masks is withheld instead.
        if (!maskValue) throw withheld(verdict.path, info);
        return Promise.resolve(resolve(parent, args, ctx, info)).then((value) => {
          if (typeof value === 'string') return maskValue(value);
          if (value == null && nullable) return null;
          throw withheld(verdict.path, info);
        });
      }
    }
  };
}

/** FORBIDDEN on this field only, already located (graphql-js then does not copy it). */
function withheld(path: string, info: GraphQLResolveInfo): HubError {
  return new HubError('FORBIDDEN', `${path} is withheld from your role`, {}, { path: responsePathAsArray(info.path), nodes: info.fieldNodes });
}
