import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { badInput, HubError } from '../../src/platform/graphql/errors';
import { parseInbound } from '../kit/inbound-data';
import type { ExchangeKit } from '../kit/kit';
import { UTILITIES } from './entities';
import { receiveUtilityMessage, utilityMessageSchema } from './inbound';
import { UTILITY_PARTNER } from './mapping';

/**
 * The utilities connector (水电气暖, 66号 (一)): fault orders out (`order.created`, answered with the
 * utility's order number), and in at POST /partners/utility-<name>/webhook: `order.status`
 * (accepted, arrived, restored, replied, rejected), `outage.published`, `outage.cancelled`.
 */
export function registerUtilities(kit: ExchangeKit, orm: Orm, clock: Clock): void {
  for (const utility of UTILITIES) {
    const partner = UTILITY_PARTNER[utility];
    for (const type of ['order.status', 'outage.published', 'outage.cancelled']) {
      kit.registerInboundHandler(partner, type, async (ctx) => {
        const message = parseInbound(utilityMessageSchema, ctx.type, ctx.data);
        const outcome = await receiveUtilityMessage(orm, clock, partner, utility, message);
        if (!outcome.ok) throw outcome.status === 404 ? badInput(outcome.detail.split(':')[0]!, outcome.detail.split(': ').slice(1).join(': ')) : new HubError('CONFLICT', outcome.detail);
        return { result: { detail: outcome.detail } };
      });
    }
  }
}
