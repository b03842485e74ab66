import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { parseInbound } from '../kit/inbound-data';
import type { ExchangeKit } from '../kit/kit';
import { PETITION } from './client';
import { receiveReferral, referralSchema } from './inbound';

/**
 * The petition connector (信访, 66号 (二)(五)): the channel check at intake (screen.ts), referrals in
 * (`referral.created` at POST /partners/petition/webhook: signed, idempotent by webhook-id in the
 * kit and by petition reference here), handling reported back (`referral.handling`).
 */
export function registerPetition(kit: ExchangeKit, orm: Orm, clock: Clock): void {
  kit.registerInboundHandler(PETITION, 'referral.created', async (ctx) => {
    const message = parseInbound(referralSchema, ctx.type, ctx.data);
    const { referralId, duplicate } = await receiveReferral(orm, clock, message);
    return { result: { referralId, duplicate } };
  });
}
