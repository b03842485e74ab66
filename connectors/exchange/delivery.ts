import { LockMode } from '@mikro-orm/core';
import type { Clock } from '../../src/platform/clock';
import { HubError } from '../../src/platform/graphql/errors';
import type { Logger } from '../../src/platform/logging';
import { forkEm, type EntityManager, type Orm } from '../../src/platform/db/orm';
import type { ExchangeKit } from '../kit/kit';
import { TransferEntity, type Transfer } from './entities';
import { acknowledge, MESSAGE, publish } from './transfers';

/**
 * What delivery means for a transfer: the kit reports each outbound message's fate, and the
 * transfer shows it (SENT with its attempts, FAILED with the last error while retrying,
 * DEAD_LETTERED after the last attempt). A partner may acknowledge in its answer to the push
 * (`{"accepted": true, "incidentNumber": "…"}`) instead of calling back.
 */
export function trackTransferDelivery(kit: ExchangeKit, orm: Orm, clock: Clock, log: Logger): void {
  const withTransfer = async (id: unknown, work: (tx: EntityManager, transfer: Transfer) => Promise<void>) => {
    if (typeof id !== 'string') return;
    await forkEm(orm).transactional(async (tx) => {
      const transfer = await tx.findOne(TransferEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (transfer) await work(tx, transfer);
    });
  };
  kit.onDelivered(MESSAGE.created, async ({ message, response }) => {
    await withTransfer(message.data.transferId, async (tx, transfer) => {
      const now = clock.now();
      if (['PENDING', 'FAILED', 'DEAD_LETTERED'].includes(transfer.status)) {
        transfer.status = 'SENT';
        transfer.attempts += 1;
        transfer.lastError = undefined;
        transfer.sentAt ??= now;
        transfer.updatedAt = now;
        await tx.flush();
        await publish(tx, transfer, 'SENT', now);
      }
      const answer = response.body as { accepted?: unknown; incidentNumber?: unknown; reason?: unknown } | undefined;
      if (answer && typeof answer === 'object' && typeof answer.accepted === 'boolean') {
        // The answer may come again on a retry, or after feedback overtook it: acknowledge() keeps
        // what is already known; an answer that contradicts the state is logged, never retried.
        try {
          await acknowledge(tx, kit, transfer, { accepted: answer.accepted, reason: typeof answer.reason === 'string' ? answer.reason : undefined, externalRef: typeof answer.incidentNumber === 'string' ? answer.incidentNumber : undefined }, now);
        } catch (error) {
          if (!(error instanceof HubError)) throw error;
          log.warn({ transferId: transfer.id, partner: transfer.partner, reason: error.message }, 'partner answer ignored');
        }
      }
    });
  });
  kit.onFailed(MESSAGE.created, async ({ message, error, attempts }) => {
    await withTransfer(message.data.transferId, async (tx, transfer) => {
      if (!['PENDING', 'FAILED'].includes(transfer.status)) return;
      const now = clock.now();
      transfer.status = 'FAILED';
      transfer.attempts = Math.max(transfer.attempts, attempts);
      transfer.lastError = error.message.slice(0, 500);
      transfer.updatedAt = now;
      await tx.flush();
      await publish(tx, transfer, 'FAILED', now);
    });
  });
  for (const type of Object.values(MESSAGE)) {
    kit.onDeadLettered(type, async ({ message, error, attempts }) => {
      await withTransfer(message.data.transferId, async (tx, transfer) => {
        const now = clock.now();
        if (type === MESSAGE.created) transfer.attempts = Math.max(transfer.attempts, attempts);
        transfer.lastError = `${type}: ${error.message}`.slice(0, 500);
        transfer.updatedAt = now;
        if (type === MESSAGE.created && ['PENDING', 'FAILED'].includes(transfer.status)) transfer.status = 'DEAD_LETTERED';
        await tx.flush();
        await publish(tx, transfer, 'DEAD_LETTERED', now);
      });
    });
  }
}

/**
 * The hotline could not register a partner's matter (its `transfer.received` event was given up):
 * the transfer is REJECTED with the reason and the partner is told, so nothing waits silently.
 */
export async function rejectUnregistrable(kit: ExchangeKit, orm: Orm, clock: Clock, transferId: string, reason: string): Promise<void> {
  await forkEm(orm).transactional(async (tx) => {
    const transfer = await tx.findOne(TransferEntity, { id: transferId, direction: 'INBOUND', status: 'PENDING' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!transfer) return;
    const now = clock.now();
    Object.assign(transfer, { status: 'REJECTED', lastError: reason.slice(0, 500), closedAt: now, updatedAt: now } satisfies Partial<Transfer>);
    kit.send(tx, {
      partner: transfer.partner,
      type: MESSAGE.acknowledged,
      key: transfer.id,
      data: { transferId: transfer.id, externalRef: transfer.externalRef, accepted: false, reason: `12345 cannot register this matter: ${reason}` },
      principalId: 'system:exchange',
    });
    await tx.flush();
    await publish(tx, transfer, 'REJECTED', now);
  });
  kit.alert({ partner: 'hub', kind: 'inbound_unregistrable', message: `a transfer from a partner could not become a case and was rejected: ${reason}`, details: { transferId } });
}
