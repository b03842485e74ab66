import { GraphQLError, Kind, visit, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * No schema leaks (issue 9, point 2): introspection only for callers allowed to see the schema, and
 * no "Did you mean …?" suggestions for anyone — a suggestion answers a guess with a real field,
 * argument, type or enum value, which is introspection by another name.
 */

/** The fields that reveal the schema: graphql's introspection, and Federation's SDL field. */
export const INTROSPECTION_FIELDS = ['__schema', '__type'] as const;
export const FEDERATION_SDL_FIELD = '_service';

/** Whether the document selects any of `fields` — by field name, wherever it sits, aliased or not. */
export function selectsAnyField(document: DocumentNode, fields: readonly string[]): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (fields.includes(node.name.value)) {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The message without graphql-js's suggestions ("Did you mean "cases"?"). */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** The same error with its suggestions removed (an unchanged error when it has none). */
export function stripSuggestions(error: GraphQLError): GraphQLError {
  const message = withoutSuggestions(error.message);
  if (message === error.message) return error;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

export function introspectionRefused(): GraphQLError {
  return new GraphQLError('introspection is not available: the schema is published to partners and frontends as documentation, not served', {
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
}

export type SchemaPrivacyOptions<Context> = {
  /** Whether the caller of this request may read the schema; fields listed in `hidden` are refused otherwise. */
  mayIntrospect: (context: Context) => boolean;
  hidden?: readonly string[];
};

/**
 * Refuses introspection before validation (a thrown error is never cached by yoga's validation
 * cache, whose key ignores the caller) and strips suggestions from validation and execution errors
 * (variable coercion suggests enum values too).
 */
export function useSchemaPrivacy<Context extends object>({ mayIntrospect, hidden = INTROSPECTION_FIELDS }: SchemaPrivacyOptions<Context>): Plugin<Context> {
  return {
    onValidate({ params, context }) {
      if (selectsAnyField(params.documentAST, hidden) && !mayIntrospect(context as Context)) throw introspectionRefused();
      return ({ result, setResult }) => {
        const errors = result as readonly GraphQLError[];
        if (errors.some((e) => e.message !== withoutSuggestions(e.message))) setResult(errors.map(stripSuggestions));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const errors = (result as ExecutionResult).errors as readonly GraphQLError[] | undefined;
          if (errors?.some((e) => e.message !== withoutSuggestions(e.message))) setResult({ ...result, errors: errors.map(stripSuggestions) });
        },
      };
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
