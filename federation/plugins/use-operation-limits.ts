import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ParseOptions, type Source } from 'graphql';
import type { OperationLimitSettings } from '../../src/platform/config';
import type { Logger } from '../../src/platform/logging';
import type { GatewayMetrics } from '../metrics';
import { checkOperationLimits, type LimitName, type LimitViolation } from '../operation-limits';
import { identityOf } from './use-identity';

export type UseOperationLimitsOptions = {
  limits: OperationLimitSettings;
  /** Whether messages name the limit's value (development); production says only which limit. */
  reveal: boolean;
  log: Logger;
  metrics: GatewayMetrics;
};

const WHAT: Record<LimitName | 'tokens', string> = {
  tokens: 'the document is too long',
  depth: 'the operation is nested too deeply',
  aliases: 'the operation uses too many aliases',
  directives: 'the operation uses too many directives',
  rootFields: 'the operation asks for too many top-level fields',
  listSize: 'a page is larger than allowed',
  cost: 'the operation would cost too much to answer',
  fragmentCycle: 'a fragment spreads itself',
};

/**
 * Hostile-input limits (issue 9, point 1), applied before graphql-js validates the document and
 * before any subgraph is called: tokens while parsing (graphql-js stops at the limit), then depth,
 * aliases, directives, root fields, page sizes and cost on the parsed document
 * (federation/operation-limits.ts). A refusal is thrown rather than returned as a validation
 * result, so yoga's validation cache — keyed on the document, not the variables — never keeps it.
 */
export function useOperationLimits({ limits, reveal, log, metrics }: UseOperationLimitsOptions): GatewayPlugin {
  const refuse = (context: object, violation: LimitViolation | { limit: 'tokens'; actual?: number; max: number; at?: string; argument?: undefined }) => {
    metrics.refusals.inc({ reason: `limit_${violation.limit}` });
    const identity = identityOf(context);
    log.info({ requestId: identity?.requestId, principal: identity?.principal.sub, limit: violation.limit, actual: violation.actual, max: violation.max, at: violation.at }, 'operation refused by a limit');
    // The page cap is part of the public API (docs/api.md: first ≤ 100), so it is named like the subgraphs name it.
    if (violation.limit === 'listSize' && violation.argument) {
      return new GraphQLError(`${violation.argument}: must be between 1 and ${violation.max} (got ${violation.actual})`, {
        extensions: { code: 'BAD_USER_INPUT', field: violation.argument, limit: 'listSize', http: { status: 400 } },
      });
    }
    const detail = !reveal
      ? ''
      : violation.limit === 'fragmentCycle'
        ? ` (${violation.at})`
        : ` (${violation.at ? `${violation.at}: ` : ''}${violation.actual ?? 'more than'} ${violation.actual === undefined ? violation.max : `> ${violation.max}`})`;
    return new GraphQLError(`${WHAT[violation.limit]}${detail}; simplify it or use a trusted document`, {
      extensions: { code: 'BAD_USER_INPUT', limit: violation.limit, http: { status: 400 } },
    });
  };
  return {
    onParse({ context, parseFn, setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions): DocumentNode => {
        try {
          return parseFn(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(error.message)) throw refuse(context, { limit: 'tokens', max: limits.maxTokens });
          throw error;
        }
      });
    },
    onValidate({ params, context }) {
      const variables = (context as { params?: { variables?: Record<string, unknown> } }).params?.variables;
      const violation = checkOperationLimits(params.schema as GraphQLSchema, params.documentAST, limits, typeof variables === 'object' && variables ? variables : {});
      if (violation) throw refuse(context, violation);
    },
  };
}
