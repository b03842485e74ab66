import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/platform/clock';
import { forkEm, type EntityManager, type Orm } from '../../src/platform/db/orm';
import type { CaseSnapshot } from '../kit/events';
import { payloadHash, stableJson } from '../kit/exchange-log';
import type { ExchangeKit } from '../kit/kit';
import type { OutboxMessage } from '../kit/outbox';
import { CaseScopeEntity, TransferEntity, type Transfer } from './entities';
import { createdMessage, MESSAGE, publish } from './transfers';

const LINE_PARTNER: Record<string, string> = { POLICE_110: 'police110', FIRE_119: 'fire119', MEDICAL_120: 'ems120', TRAFFIC_122: 'traffic122' };

type CaseChanged = { action: string; from: string | null; to: string; case: CaseSnapshot; details: Record<string, unknown> };

export type CaseEventsOptions = {
  orm: Orm;
  clock: Clock;
  kit: ExchangeKit;
  /** Milliseconds a partner has to acknowledge an outbound transfer (emergency lines); undefined: no deadline. */
  ackDeadlineMs?: (partner: string) => number | undefined;
};

/**
 * Consumes the hotline's `case.changed` events (delivered at least once, in order per case), in one
 * exchange transaction per event:
 * - keeps the exchange's copy of the case's scope (case_scope, and the scope on its transfers);
 * - an emergency disposition (110/119/120/122 at once) or a malicious-caller referral becomes an
 *   OUTBOUND transfer and its message to the line; the event id is its idempotency key;
 * - `partnerTransfer` OUTBOUND (after transferCase): the matter goes to the partner, once;
 * - `partnerTransfer` INBOUND: the case registered for a partner's transfer is linked to it and
 *   the partner is told the case number (acknowledged);
 * - dispatch marks inbound transfers IN_PROGRESS; every ending of the case (closed after handling,
 *   answered at once, informed of a legal route, explained, transferred on, referred to the police,
 *   closed with its master) feeds back how it ended and closes the loop (docs/domain.md "feedback closing
 *   the loop") — also when the case had ended before its transfer was linked to it.
 * A redelivered event finds its effects done (idempotency keys, state guards) and sends nothing twice.
 */
export function caseChangedHandler({ orm, clock, kit, ackDeadlineMs }: CaseEventsOptions): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const event = message.payload as unknown as CaseChanged;
    const snapshot = event.case;
    const now = clock.now();
    await forkEm(orm).transactional(async (tx) => {
      await tx.upsert(CaseScopeEntity, {
        caseId: snapshot.caseId,
        number: snapshot.number,
        status: snapshot.status,
        channel: snapshot.channel,
        regionPath: snapshot.regionPath,
        assignedUnitIds: snapshot.assignedUnitIds,
        sharedWith: snapshot.sharedWith,
        updatedAt: now,
      });
      await tx.nativeUpdate(
        TransferEntity,
        { caseId: snapshot.caseId },
        { regionPath: snapshot.regionPath, assignedUnitIds: snapshot.assignedUnitIds, sharedWith: snapshot.sharedWith },
      );
      const matter = (event.details.matter ?? {}) as Record<string, unknown>;
      const emergency = immediatePartner(event);
      if (emergency) await emergencyTransfer(tx, kit, event, emergency, matter, `case-event:${message.id}`, now, ackDeadlineMs?.(emergency));
      if (event.action === 'partnerTransfer' && event.details.direction === 'OUTBOUND') await sendRequested(tx, kit, String(event.details.transferId), matter, now);
      if (event.action === 'partnerTransfer' && event.details.direction === 'INBOUND') await linkInbound(tx, kit, String(event.details.transferId), snapshot, now);
      if (event.action === 'dispatch') await markInbound(tx, snapshot.caseId, ['ACKNOWLEDGED'], 'IN_PROGRESS', now);
      const ended = event.details.ended as { closeReason: string | null; feedback: string } | undefined;
      if (ended || (event.to === 'CLOSED' && event.from !== 'CLOSED')) {
        await feedBack(tx, kit, snapshot, ended?.feedback ?? (event.details.result as string | null) ?? null, ended?.closeReason ?? null, now);
      }
    });
  };
}

/** An emergency disposition (at intake, or a dispatcher's redisposition of a waiting case) goes to its line at once. */
function immediatePartner(event: CaseChanged): string | undefined {
  const disposed = event.action === 'transferEmergency' || event.action === 'referPolice' || event.action === 'redispose';
  if (!disposed || event.from === event.to) return undefined;
  if (event.to === 'TRANSFERRED_OUT' && event.case.emergencyLine) return LINE_PARTNER[event.case.emergencyLine];
  if (event.to === 'REFERRED_POLICE') return 'police110';
  return undefined;
}

async function emergencyTransfer(tx: EntityManager, kit: ExchangeKit, event: CaseChanged, partner: string, matter: Record<string, unknown>, key: string, now: Date, deadlineMs: number | undefined): Promise<void> {
  if (await tx.findOne(TransferEntity, { partner, idempotencyKey: key })) return;
  const snapshot = event.case;
  const transfer = tx.create(TransferEntity, {
    id: randomUUID(),
    partner,
    direction: 'OUTBOUND',
    caseId: snapshot.caseId,
    caseNumber: snapshot.number,
    status: 'PENDING',
    reason: event.to === 'REFERRED_POLICE' ? '恶意骚扰热线线索，移交公安机关' : '紧急事项，即时转接',
    attempts: 0,
    idempotencyKey: key,
    regionPath: snapshot.regionPath,
    assignedUnitIds: snapshot.assignedUnitIds,
    sharedWith: snapshot.sharedWith,
    ackDueAt: deadlineMs === undefined ? undefined : new Date(now.getTime() + deadlineMs),
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  kit.send(tx, { partner, type: MESSAGE.created, key: transfer.id, data: { ...createdMessage(transfer, matter), immediate: true }, caseNumber: snapshot.number, principalId: 'system:intake' });
  await tx.flush();
  await publish(tx, transfer, 'CREATED', now);
}

async function sendRequested(tx: EntityManager, kit: ExchangeKit, transferId: string, matter: Record<string, unknown>, now: Date): Promise<void> {
  const transfer = await tx.findOne(TransferEntity, { id: transferId, direction: 'OUTBOUND' });
  // The matter goes once: `payloadHash` marks a transfer whose message is queued.
  if (!transfer || transfer.payloadHash || transfer.status !== 'PENDING') return;
  transfer.payloadHash = payloadHash(stableJson(matter));
  transfer.updatedAt = now;
  kit.send(tx, { partner: transfer.partner, type: MESSAGE.created, key: transfer.id, data: createdMessage(transfer, matter), caseNumber: transfer.caseNumber, principalId: 'system:exchange' });
  await tx.flush();
}

async function linkInbound(tx: EntityManager, kit: ExchangeKit, transferId: string, snapshot: CaseSnapshot, now: Date): Promise<void> {
  const transfer = await tx.findOne(TransferEntity, { id: transferId, direction: 'INBOUND' });
  if (!transfer || transfer.status !== 'PENDING') return;
  Object.assign(transfer, {
    caseId: snapshot.caseId,
    caseNumber: snapshot.number,
    regionPath: snapshot.regionPath,
    assignedUnitIds: snapshot.assignedUnitIds,
    sharedWith: [...new Set([...snapshot.sharedWith, transfer.partner])],
    status: 'ACKNOWLEDGED',
    acknowledgedAt: now,
    updatedAt: now,
  } satisfies Partial<Transfer>);
  kit.send(tx, {
    partner: transfer.partner,
    type: MESSAGE.acknowledged,
    key: transfer.id,
    data: { transferId: transfer.id, externalRef: transfer.externalRef, accepted: true, caseNumber: snapshot.number },
    caseNumber: snapshot.number,
    principalId: 'system:exchange',
  });
  await tx.flush();
  await publish(tx, transfer, 'ACKNOWLEDGED', now);
}

async function markInbound(tx: EntityManager, caseId: string, from: Transfer['status'][], to: Transfer['status'], now: Date): Promise<void> {
  const transfers = await tx.find(TransferEntity, { caseId, direction: 'INBOUND', status: { $in: from } });
  for (const transfer of transfers) {
    transfer.status = to;
    transfer.updatedAt = now;
  }
  await tx.flush();
  for (const transfer of transfers) await publish(tx, transfer, 'IN_PROGRESS', now);
}

async function feedBack(tx: EntityManager, kit: ExchangeKit, snapshot: CaseSnapshot, result: string | null, outcome: string | null, now: Date): Promise<void> {
  const transfers = await tx.find(TransferEntity, { caseId: snapshot.caseId, direction: 'INBOUND', status: { $in: ['PENDING', 'ACKNOWLEDGED', 'IN_PROGRESS'] } });
  for (const transfer of transfers) {
    const feedback = result?.trim() || '12345 已办结。';
    Object.assign(transfer, { status: 'CLOSED', feedback, closedAt: now, updatedAt: now } satisfies Partial<Transfer>);
    kit.send(tx, {
      partner: transfer.partner,
      type: MESSAGE.feedback,
      key: transfer.id,
      data: { transferId: transfer.id, externalRef: transfer.externalRef, caseNumber: snapshot.number, feedback, final: true, ...(outcome ? { outcome } : {}) },
      caseNumber: snapshot.number,
      principalId: 'system:exchange',
    });
  }
  await tx.flush();
  for (const transfer of transfers) await publish(tx, transfer, 'CLOSED', now);
}
