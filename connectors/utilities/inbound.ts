import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type Orm } from '../../src/platform/db/orm';
import { HOTLINE_COMMAND_TOPIC, type HotlineCommand } from '../kit/matters';
import { enqueue } from '../kit/outbox';
import { FaultOrderCaseEntity, FaultOrderEntity, OutageEntity, UtilitiesOutboxEntity, type Utility } from './entities';
import { regionPathOf } from '../kit/regions';
import { advances, orderStatusOf, outageKindOf } from './mapping';

const at = z.string().datetime({ offset: true });

/** What a utility's system posts to `/partners/utility-<name>/webhook`. */
export const utilityMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('order.status'),
    orderNo: z.string().min(1).max(64),
    /** JD accepted · DD arrived · HF restored · HD replied · TD rejected */
    status: z.enum(['JD', 'DD', 'HF', 'HD', 'TD']),
    at,
    reply: z.string().min(2).max(2000).optional(),
  }),
  z.object({
    type: z.literal('outage.published'),
    outageNo: z.string().min(1).max(64),
    /** JH planned · GZ current (unplanned) */
    kind: z.enum(['JH', 'GZ']),
    region: z.string().regex(/^\d{6}$/, 'must be a six-digit district code'),
    townships: z.array(z.string().regex(/^\d{9}$/, 'must be nine-digit township codes')).max(100).default([]),
    startsAt: at,
    endsAt: at.optional(),
    reason: z.string().min(2).max(300),
  }),
  z.object({ type: z.literal('outage.cancelled'), outageNo: z.string().min(1).max(64) }),
]);
export type UtilityMessage = z.infer<typeof utilityMessageSchema>;

export type InboundResult = { ok: true; detail: string } | { ok: false; status: 404 | 409; detail: string };

/**
 * Applies a utility's message. Order status moves forward only (a repeated or late message changes
 * nothing), and each step drives every case attached to the order: arrival and restoration become
 * lines of their history, the reply becomes their reply. Outages are upserted by their number.
 */
export async function receiveUtilityMessage(orm: Orm, clock: Clock, partner: string, utility: Utility, message: UtilityMessage): Promise<InboundResult> {
  const now = clock.now();
  return forkEm(orm).transactional(async (tx): Promise<InboundResult> => {
    switch (message.type) {
      case 'order.status': {
        const order = await tx.findOne(FaultOrderEntity, { partner, externalRef: message.orderNo });
        if (!order) return { ok: false, status: 404, detail: `orderNo: ${message.orderNo} is not an order of ${partner}` };
        const status = orderStatusOf(message.status)!;
        if (!advances(order.status, status)) return { ok: true, detail: `order already ${order.status}` };
        const when = new Date(message.at);
        order.status = status;
        order.updatedAt = now;
        if (status === 'ARRIVED') order.arrivedAt = when;
        if (status === 'RESTORED') order.restoredAt = when;
        if (message.reply) order.reply = message.reply;
        const children = await tx.find(FaultOrderCaseEntity, { orderId: order.id });
        const commands: { key: string; command: HotlineCommand }[] = [];
        for (const child of children) {
          const ref = { partner, externalRef: message.orderNo, caseId: child.caseId };
          commands.push({ key: child.caseId, command: { kind: 'link', ...ref, system: 'UTILITY', relation: 'FAULT_ORDER', status } });
          const replied = status === 'REPLIED' || (status === 'RESTORED' && message.reply);
          commands.push({
            key: child.caseId,
            command: replied
              ? { kind: 'reply', ...ref, result: 'RESOLVED', text: message.reply ?? '已恢复供应。' }
              : { kind: 'progress', ...ref, note: progressNote(status, when, message.reply) },
          });
        }
        enqueue(tx, UtilitiesOutboxEntity, now, commands.map(({ key, command }) => ({ topic: HOTLINE_COMMAND_TOPIC, key, payload: command })));
        return { ok: true, detail: `order ${status}` };
      }
      case 'outage.published': {
        const fields = {
          kind: outageKindOf(message.kind)!,
          region: message.region,
          townships: message.townships,
          regionPath: regionPathOf(message.region),
          startsAt: new Date(message.startsAt),
          endsAt: message.endsAt ? new Date(message.endsAt) : undefined,
          reason: message.reason,
          cancelled: false,
          updatedAt: now,
        };
        const existing = await tx.findOne(OutageEntity, { partner, externalRef: message.outageNo });
        if (existing) Object.assign(existing, fields);
        else tx.create(OutageEntity, { id: randomUUID(), partner, utility, externalRef: message.outageNo, publishedAt: now, ...fields });
        return { ok: true, detail: existing ? 'outage updated' : 'outage published' };
      }
      case 'outage.cancelled': {
        const updated = await tx.nativeUpdate(OutageEntity, { partner, externalRef: message.outageNo }, { cancelled: true, updatedAt: now });
        return updated ? { ok: true, detail: 'outage cancelled' } : { ok: false, status: 404, detail: `outageNo: ${message.outageNo} is not an outage of ${partner}` };
      }
    }
  });
}

function progressNote(status: string, when: Date, reply?: string): string {
  const time = new Date(when.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  switch (status) {
    case 'ACCEPTED':
      return `供应企业已接单（${time}）`;
    case 'ARRIVED':
      return `抢修人员已到达现场（${time}）`;
    case 'RESTORED':
      return `已恢复供应（${time}）`;
    case 'REJECTED':
      return `供应企业退单（${time}）${reply ? `：${reply}` : ''}`;
    default:
      return `供应企业工单状态：${status}（${time}）`;
  }
}
