import type { Clock } from '../../src/platform/clock';
import type { Orm } from '../../src/platform/db/orm';
import { parseInbound } from '../kit/inbound-data';
import type { ExchangeKit } from '../kit/kit';
import { leadSchema, receiveLead } from './inbound';

/**
 * The Internet+Supervision connector (互联网+督查): leads in (`lead.created` at
 * POST /partners/supervision/webhook: signed, idempotent by webhook-id in the kit and by lead
 * reference here), registered or linked, their stages reported back (`lead.status`), overdue leads
 * raising supervision on their case.
 */
export function registerSupervision(kit: ExchangeKit, orm: Orm, clock: Clock): void {
  kit.registerInboundHandler('supervision', 'lead.created', async (ctx) => {
    const message = parseInbound(leadSchema, ctx.type, ctx.data);
    const { leadId, duplicate } = await receiveLead(orm, clock, message);
    return { result: { leadId, duplicate } };
  });
}
