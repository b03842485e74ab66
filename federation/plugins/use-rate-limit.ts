import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable, outageLog } from '../../src/platform/db/availability';
import type { GatewaySettings } from '../../src/platform/config';
import type { Logger } from '../../src/platform/logging';
import type { GatewayMetrics } from '../metrics';
import type { Budget, RateLimitStore } from '../rate-limit/store';
import { identityOf } from './use-identity';

export type UseRateLimitOptions = {
  store: RateLimitStore;
  settings: GatewaySettings['rateLimits'];
  now: () => Date;
  log: Logger;
  metrics: GatewayMetrics;
};

/**
 * Rate limits per principal and per partner (issue 9, point 5). Every operation that passed the
 * limits and validation counts once against the caller's budget and, for a partner's accounts,
 * against the partner's shared budget, before any subgraph is called. A refusal is RATE_LIMITED
 * with `extensions.retryAfter` and a `Retry-After` header (HTTP 429). If the counters cannot be
 * reached the operation goes ahead (logged): the database the counters live in is the one the
 * subgraphs need anyway, and an outage there must not also be reported as a rate limit.
 */
export function useRateLimit({ store, settings, now, log, metrics }: UseRateLimitOptions): GatewayPlugin {
  // An outage of the counters' database is logged when it begins and when it ends, not per request.
  const outage = outageLog(log, { component: 'rate limits' });
  return {
    async onContextBuilding({ context }) {
      const identity = identityOf(context);
      if (!identity) return;
      const { principal } = identity;
      const budgets: Budget[] = [{ key: `principal:${principal.sub}`, max: settings.perPrincipal, scope: 'principal' }];
      if (principal.partner) budgets.push({ key: `partner:${principal.partner}`, max: settings.partners[principal.partner] ?? settings.perPartner, scope: 'partner' });
      let decision;
      try {
        decision = await store.take(budgets, now());
        outage.recovered();
      } catch (error) {
        if (isDatabaseUnavailable(error)) outage.failed(error, { requestId: identity.requestId, note: 'rate-limit counters unavailable; operations are allowed meanwhile' });
        else log.warn({ err: error, requestId: identity.requestId }, 'rate-limit counters unavailable; operation allowed');
        return;
      }
      if (decision.allowed) return;
      metrics.rateLimited.inc({ scope: decision.scope });
      log.info({ requestId: identity.requestId, principal: principal.sub, partner: principal.partner, scope: decision.scope, retryAfter: decision.retryAfterSeconds }, 'rate limited');
      const whose = decision.scope === 'partner' ? `your organisation's (${principal.partner})` : 'your';
      throw new GraphQLError(`${whose} request budget is used up; retry in ${decision.retryAfterSeconds} s`, {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfter: decision.retryAfterSeconds,
          http: { status: 429, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
        },
      });
    },
  };
}
