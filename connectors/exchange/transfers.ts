import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { Clock } from '../../src/platform/clock';
import type { EntityManager } from '../../src/platform/db/orm';
import { notifyStatement } from '../../src/platform/events/pg-event-target';
import { badInput, invalidTransition, notFound } from '../../src/platform/graphql/errors';
import { fromGlobalId } from '../../src/platform/graphql/ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import type { InboundContext, InboundResult, ExchangeKit } from '../kit/kit';
import { enqueue } from '../kit/outbox';
import { regionPathOf } from '../kit/regions';
import type { TransferStatus } from '../kit/model';
import { EXCHANGE_KIT, TransferEntity, type CaseScope, type Transfer } from './entities';

/**
 * The transfer lifecycle, shared by the GraphQL mutations, the partner webhooks and the hotline's
 * events (docs/api.md "Partner exchange"; docs/domain.md "Partners"). Every function takes the transaction
 * it runs in: a state change, its message to the partner (kit outbox), its event for the hotline
 * (exchange outbox) and its subscription event (NOTIFY at commit) commit together or not at all.
 *
 *   OUTBOUND  PENDING → SENT → ACKNOWLEDGED → FEEDBACK_RECEIVED → CLOSED
 *                         ↘ REJECTED (the hotline keeps the matter)       DEAD_LETTERED ⇄ (redrive)
 *   INBOUND   PENDING → ACKNOWLEDGED (case registered) → IN_PROGRESS (dispatched) → CLOSED (fed back)
 */

/** Subscription topic: every change of a transfer (payload: ids and states only, never personal data). */
export const TRANSFER_EVENT_TOPIC = 'transfer';

export type TransferEventType = 'CREATED' | 'SENT' | 'ACKNOWLEDGED' | 'REJECTED' | 'IN_PROGRESS' | 'FEEDBACK' | 'CLOSED' | 'FAILED' | 'DEAD_LETTERED' | 'REDRIVEN' | 'ACK_OVERDUE';

export type TransferEventDetail = { id: string; partner: string; status: TransferStatus; type: TransferEventType; at: string };

/** The channel a partner's inbound transfers become cases of. */
export const INBOUND_CHANNEL: Record<string, string> = {
  police110: 'TRANSFER_110',
  petition: 'PETITION_REFERRAL',
  supervision: 'SUPERVISION_LEAD',
  'utility-water': 'UTILITY',
  'utility-power': 'UTILITY',
  'utility-gas': 'UTILITY',
  'utility-heating': 'UTILITY',
};

/** Message types on the wire (both directions). */
export const MESSAGE = {
  created: 'transfer.created',
  acknowledged: 'transfer.acknowledged',
  feedback: 'transfer.feedback',
} as const;

export async function publish(tx: EntityManager, transfer: Transfer, type: TransferEventType, now: Date): Promise<void> {
  const detail: TransferEventDetail = { id: transfer.id, partner: transfer.partner, status: transfer.status, type, at: now.toISOString() };
  const { sql, bindings } = notifyStatement(TRANSFER_EVENT_TOPIC, detail);
  await tx.execute(sql, bindings);
}

/** An event for the hotline, in the exchange's outbox (its worker hands it to the hotline's handlers). */
export function toHotline(tx: EntityManager, now: Date, topic: 'transfer.requested' | 'transfer.received' | 'transfer.rejected', key: string, payload: Record<string, unknown>): void {
  enqueue(tx, EXCHANGE_KIT.outbox, now, [{ topic, key, payload }]);
}

/** What goes to the partner with a new outbound transfer. */
export function createdMessage(transfer: Transfer, matter: Record<string, unknown>): Record<string, unknown> {
  return { transferId: transfer.id, caseNumber: transfer.caseNumber, reason: transfer.reason, matter };
}

// ── hub → partner ─────────────────────────────────────────────────────────────────────────────

/** transferCase: a PENDING transfer; the hotline shares the case and sends the matter (its `partnerTransfer` event). */
export async function requestTransfer(tx: EntityManager, scope: CaseScope, partner: string, reason: string, principalId: string, now: Date): Promise<Transfer> {
  const open = await tx.findOne(TransferEntity, { caseId: scope.caseId, partner, direction: 'OUTBOUND', status: { $in: ['PENDING', 'SENT', 'ACKNOWLEDGED', 'IN_PROGRESS', 'FEEDBACK_RECEIVED'] } });
  if (open) throw invalidTransition(open.status, 'PENDING', `the case already has an open transfer to ${partner}`);
  const transfer = tx.create(TransferEntity, {
    id: randomUUID(),
    partner,
    direction: 'OUTBOUND',
    caseId: scope.caseId,
    caseNumber: scope.number,
    status: 'PENDING',
    reason,
    attempts: 0,
    regionPath: scope.regionPath,
    assignedUnitIds: scope.assignedUnitIds,
    sharedWith: [...new Set([...scope.sharedWith, partner])],
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  toHotline(tx, now, 'transfer.requested', scope.caseId, { transferId: transfer.id, partner, caseId: scope.caseId, reason, requestedBy: principalId });
  await tx.flush();
  await publish(tx, transfer, 'CREATED', now);
  return transfer;
}

/**
 * acknowledgeTransfer, by GraphQL or webhook: accepted (with the partner's incident number) or
 * rejected with a reason. Repeating the same answer returns the transfer as it is.
 */
export async function acknowledge(
  tx: EntityManager,
  kit: ExchangeKit,
  transfer: Transfer,
  answer: { accepted: boolean; reason?: string | null; externalRef?: string | null },
  now: Date,
): Promise<Transfer> {
  const target: TransferStatus = answer.accepted ? 'ACKNOWLEDGED' : 'REJECTED';
  if (transfer.status === target) return transfer;
  // Feedback may overtake the acknowledgement on the wire: an acceptance then only adds the incident number.
  if (answer.accepted && ['IN_PROGRESS', 'FEEDBACK_RECEIVED', 'CLOSED'].includes(transfer.status)) {
    if (answer.externalRef && !transfer.externalRef) transfer.externalRef = answer.externalRef.slice(0, 64);
    await tx.flush();
    return transfer;
  }
  if (transfer.direction !== 'OUTBOUND' || !['PENDING', 'SENT', 'FAILED', 'DEAD_LETTERED'].includes(transfer.status)) {
    throw invalidTransition(transfer.status, target, 'only an outbound transfer that is not yet answered can be acknowledged or rejected');
  }
  if (!answer.accepted && !answer.reason?.trim()) throw badInput('reason', 'a rejection must say why');
  transfer.status = target;
  transfer.acknowledgedAt = now;
  transfer.updatedAt = now;
  if (answer.externalRef) transfer.externalRef = answer.externalRef.slice(0, 64);
  if (!answer.accepted) {
    transfer.reason = `${transfer.reason ?? ''}\n[rejected] ${answer.reason!.trim()}`.trim();
    transfer.closedAt = now;
    // 国办发〔2022〕12号: rejected after the three-way call, the first-receiving platform keeps it.
    if (transfer.caseId) toHotline(tx, now, 'transfer.rejected', transfer.caseId, { transferId: transfer.id, partner: transfer.partner, caseId: transfer.caseId, reason: answer.reason!.trim() });
  }
  kit.metrics.acknowledged(transfer.partner, answer.accepted);
  await tx.flush();
  await publish(tx, transfer, answer.accepted ? 'ACKNOWLEDGED' : 'REJECTED', now);
  return transfer;
}

/** submitTransferFeedback: the partner's handling result on an outbound transfer; `final` closes the loop. */
export async function receiveFeedback(tx: EntityManager, transfer: Transfer, feedback: string, final: boolean, now: Date): Promise<Transfer> {
  const text = feedback.trim();
  if (!text) throw badInput('feedback', 'must not be empty');
  if (text.length > 4000) throw badInput('feedback', 'must be at most 4000 characters');
  if (transfer.status === 'CLOSED' && transfer.feedback === text) return transfer;
  // Feedback on a transfer not yet acknowledged (it overtook the acknowledgement) implies acceptance.
  if (transfer.direction !== 'OUTBOUND' || !['PENDING', 'SENT', 'FAILED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'FEEDBACK_RECEIVED'].includes(transfer.status)) {
    throw invalidTransition(transfer.status, final ? 'CLOSED' : 'FEEDBACK_RECEIVED', 'feedback follows an outbound transfer that is neither rejected nor closed');
  }
  transfer.acknowledgedAt ??= now;
  transfer.feedback = text;
  transfer.status = final ? 'CLOSED' : 'FEEDBACK_RECEIVED';
  transfer.updatedAt = now;
  if (final) transfer.closedAt = now;
  await tx.flush();
  await publish(tx, transfer, final ? 'CLOSED' : 'FEEDBACK', now);
  return transfer;
}

// ── partner → hub ─────────────────────────────────────────────────────────────────────────────

const text = (data: Record<string, unknown>, field: string, max: number, required = false): string | undefined => {
  const value = data[field];
  if (value == null || value === '') {
    if (required) throw badInput(`input.${field}`, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') throw badInput(`input.${field}`, 'must be a string');
  if (value.length > max) throw badInput(`input.${field}`, `must be at most ${max} characters`);
  return value.trim();
};

/**
 * An inbound transfer (receiveTransfer or the `transfer.created` webhook), run once per
 * (partner, idempotency key) by the kit: an INBOUND transfer, PENDING until the hotline has
 * registered its case, and the event that makes the hotline register it.
 */
export async function receiveInboundTransfer(ctx: InboundContext): Promise<InboundResult> {
  const { em: tx, partner, data, now } = ctx;
  const channel = INBOUND_CHANNEL[partner.name];
  if (!channel) throw badInput('partner', `${partner.name} does not transfer matters to the hotline`);
  const region = text(data, 'region', 6, true)!;
  if (!/^\d{6}$/.test(region)) throw badInput('input.region', 'must be a six-digit region code');
  const externalRef = text(data, 'externalRef', 64, true)!;
  const matter = {
    title: text(data, 'title', 200, true)!,
    description: text(data, 'description', 4000, true)!,
    // The hotline dispatches by place: a matter without one could not become a case.
    address: text(data, 'address', 300, true)!,
    // The 12345 catalog code the hotline dispatches by (docs/domain.md: a case is dispatched by its category).
    categoryCode: text(data, 'categoryCode', 32, true)!,
    callerName: text(data, 'callerName', 64),
    callerPhone: text(data, 'callerPhone', 32),
    occurredAt: text(data, 'occurredAt', 40),
  };
  if (matter.occurredAt && Number.isNaN(Date.parse(matter.occurredAt))) throw badInput('input.occurredAt', 'must be an ISO 8601 time');
  const transfer = tx.create(TransferEntity, {
    id: randomUUID(),
    partner: partner.name,
    direction: 'INBOUND',
    externalRef,
    status: 'PENDING',
    reason: text(data, 'reason', 500) ?? (partner.name === 'police110' ? '非警务类求助（双非），转 12345 办理' : undefined),
    attempts: 0,
    idempotencyKey: ctx.messageId.slice(0, 128),
    regionPath: regionPathOf(region),
    assignedUnitIds: [],
    sharedWith: [partner.name],
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  toHotline(tx, now, 'transfer.received', transfer.id, { transferId: transfer.id, partner: partner.name, channel, externalRef, region, ...matter });
  await tx.flush();
  await publish(tx, transfer, 'CREATED', now);
  return { result: { transferId: transfer.id, status: transfer.status } };
}

/** The transfer a partner's message is about, locked, or NOT_FOUND (also for another partner's transfer). */
export async function partnerTransfer(tx: EntityManager, partner: string, given: unknown): Promise<Transfer> {
  // The id the hub pushed, or the Transfer's GraphQL id (a partner may use both styles).
  const id = typeof given === 'string' && !UUID.test(given) ? fromGlobalId('Transfer', given) : given;
  if (typeof id !== 'string' || !UUID.test(id)) throw badInput('transferId', 'must be the transfer id the hub sent');
  const transfer = await tx.findOne(TransferEntity, { id, partner }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!transfer) throw notFound('transfer');
  return transfer;
}

/** The webhook handlers of the transfer lifecycle, for a partner that speaks webhooks. */
export function registerTransferWebhooks(kit: ExchangeKit, partner: string, clock: Clock, { inbound }: { inbound: boolean }): void {
  if (inbound) kit.registerInboundHandler(partner, MESSAGE.created, receiveInboundTransfer);
  kit.registerInboundHandler(partner, MESSAGE.acknowledged, async (ctx) => {
    const transfer = await partnerTransfer(ctx.em, ctx.partner.name, ctx.data.transferId);
    const accepted = ctx.data.accepted !== false;
    await acknowledge(ctx.em, kit, transfer, { accepted, reason: ctx.data.reason as string | undefined, externalRef: (ctx.data.incidentNumber ?? ctx.data.externalRef) as string | undefined }, clock.now());
    return { result: { transferId: transfer.id, status: transfer.status }, caseNumber: transfer.caseNumber };
  });
  kit.registerInboundHandler(partner, MESSAGE.feedback, async (ctx) => {
    const transfer = await partnerTransfer(ctx.em, ctx.partner.name, ctx.data.transferId);
    if (typeof ctx.data.feedback !== 'string') throw badInput('feedback', 'is required');
    await receiveFeedback(ctx.em, transfer, ctx.data.feedback, ctx.data.final !== false, clock.now());
    return { result: { transferId: transfer.id, status: transfer.status }, caseNumber: transfer.caseNumber };
  });
}
