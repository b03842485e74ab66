import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { defineAbilityFor } from '../../policies';
import type { OutboxMessage } from '../../connectors/kit/outbox';
import { GiveUp } from '../../connectors/kit/worker';
import { HubError } from '../platform/graphql/errors';
import type { EntityManager } from '../platform/db/orm';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import type { HotlineContext } from './context';
import { CaseEntity, type Case } from './entities';
import { registerCase } from './intake';
import { createLoaders } from './loaders';
import type { CaseType, Channel, Urgency } from './model';
import { applyTransition, emitChange, endedDetails } from './mutate';
import type { HotlineRuntime } from './runtime';

/**
 * The hotline's side of partner transfers (docs/design.md decision 5: inbound partner messages become
 * events the hotline consumes). The exchange publishes, in its outbox:
 * - `transfer.received`: a partner handed a matter to the hotline (a 110 "双非" matter): it becomes a
 *   case of the partner's channel, dispatched like any case; the transfer id is the registration's
 *   idempotency key, so a redelivered event registers nothing twice;
 * - `transfer.rejected`: the receiving line rejected a transfer after the three-way call: the
 *   first-receiving platform (the hotline) keeps the matter, and a case that had left goes back to
 *   dispatch.
 * Each registered or changed case emits `case.changed` with the transfer id, which links the
 * transfer to its case on the exchange's side.
 */
export type TransferReceived = {
  transferId: string;
  partner: string;
  channel: Channel;
  externalRef: string;
  region: string;
  address?: string | null;
  categoryCode?: string | null;
  title: string;
  description: string;
  callerName?: string | null;
  callerPhone?: string | null;
  occurredAt?: string | null;
  type?: CaseType | null;
  urgency?: Urgency | null;
};

export type TransferRejected = { transferId: string; partner: string; caseId: string; reason: string };

export type TransferRequested = { transferId: string; partner: string; caseId: string; reason: string; requestedBy: string };

/** Who acts for the hotline on a partner's behalf: a system principal scoped to the matter's region. */
function systemPrincipal(partner: string, region: string, role: 'OPERATOR' | 'DISPATCHER'): Principal {
  return { sub: `system:exchange:${partner}`, role, region };
}

function systemContext(em: EntityManager, runtime: HotlineRuntime, log: Logger, principal: Principal): HotlineContext {
  const ability = defineAbilityFor(principal, 'TRANSFER', { now: runtime.clock.now() });
  return {
    subgraph: 'hotline',
    requestId: `exchange-${randomUUID()}`,
    principal,
    purpose: 'TRANSFER',
    clientAddress: undefined,
    operationName: 'partnerTransfer',
    clock: runtime.clock,
    log,
    // No GraphQL read happens here: nothing to record field by field (the change is in the case history).
    access: undefined as never,
    em,
    ability,
    runtime,
    loaders: createLoaders(em, ability),
  };
}

/**
 * A matter the hotline cannot register (the exchange checks the essentials first, but e.g. a region
 * outside this platform) is not retried: it is dead-lettered at once, with an error for operators.
 */
async function refuseForGood(log: Logger, transferId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof HubError && error.extensions.code === 'BAD_USER_INPUT') {
      log.error({ transferId, reason: error.message }, 'an inbound partner transfer cannot become a case; it needs an operator');
      throw new GiveUp(error.message);
    }
    throw error;
  }
}

export function partnerTransferHandlers(runtime: HotlineRuntime, log: Logger): Record<string, (message: OutboxMessage) => Promise<void>> {
  return {
    'transfer.received': async (message) => {
      const input = message.payload as unknown as TransferReceived;
      await refuseForGood(log, input.transferId, () => runtime.asSystem(async (tx) => {
        const ctx = systemContext(tx, runtime, log, systemPrincipal(input.partner, input.region, 'OPERATOR'));
        const c = await registerCase(ctx, {
          channel: input.channel,
          type: input.type ?? 'HELP_REQUEST',
          urgency: input.urgency ?? 'NORMAL',
          disposition: 'HANDLE',
          categoryCode: input.categoryCode,
          title: input.title,
          description: input.description,
          region: input.region,
          address: input.address,
          occurredAt: input.occurredAt ? new Date(input.occurredAt) : null,
          // 110 may pass a matter on without the caller's details: the case then records an anonymous caller.
          caller: { name: input.callerName, phone: input.callerPhone, anonymous: !input.callerName && !input.callerPhone },
          idempotencyKey: `transfer:${input.transferId}`,
          // The partner's own matter: it reads the case it became (an act of the hub, evidence: the transfer).
          transferredBy: input.partner,
        });
        // A matter that ended at intake (e.g. already in the petition channel) tells the partner so at once.
        await emitChange(tx, c, 'partnerTransfer', c.status, runtime.clock.now(), {
          transferId: input.transferId,
          partner: input.partner,
          direction: 'INBOUND',
          externalRef: input.externalRef,
          ...endedDetails(c, undefined),
        });
        // Case.linkedMatters: the 110 incident this case came from (a redelivery links nothing twice).
        if (input.partner === 'police110' && input.externalRef) {
          await tx.execute(
            `insert into hotline.case_link (id, case_id, system, partner, reference, relation, status, linked_at, updated_at)
             values (?, ?, 'POLICE_110', ?, ?, 'ORIGIN', 'TRANSFERRED', ?, ?) on conflict (case_id, system, reference) do nothing`,
            [randomUUID(), c.id, input.partner, input.externalRef.slice(0, 64), runtime.clock.now(), runtime.clock.now()],
          );
        }
      }));
    },
    'transfer.requested': async (message) => {
      const input = message.payload as unknown as TransferRequested;
      await runtime.asSystem(async (tx) => {
        const c = await tx.findOne(CaseEntity, { id: input.caseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!c) return;
        // The receiving partner may now read the case (its agreement's fields) through GraphQL.
        if (!c.sharedWith.includes(input.partner)) c.sharedWith = [...c.sharedWith, input.partner];
        const ctx = systemContext(tx, runtime, log, systemPrincipal(input.partner, c.regionPath[0]!, 'DISPATCHER'));
        const guard = { now: runtime.clock.now(), settings: await runtime.settings(), facts: {} };
        await applyTransition(ctx, tx, c as Case, 'partnerTransfer', guard, {
          note: `transferred to ${input.partner}: ${input.reason}`,
          data: { transferId: input.transferId, partner: input.partner, direction: 'OUTBOUND', reason: input.reason, requestedBy: input.requestedBy },
        });
      });
    },
    'transfer.rejected': async (message) => {
      const input = message.payload as unknown as TransferRejected;
      await runtime.asSystem(async (tx) => {
        const c = await tx.findOne(CaseEntity, { id: input.caseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!c) return;
        const ctx = systemContext(tx, runtime, log, systemPrincipal(input.partner, c.regionPath[0]!, 'DISPATCHER'));
        const settings = await runtime.settings();
        const guard = { now: runtime.clock.now(), settings, facts: {} };
        const back = c.status === 'TRANSFERRED_OUT' || c.status === 'REFERRED_POLICE';
        const note = `${input.partner} rejected the transfer: ${input.reason}`;
        await applyTransition(ctx, tx, c as Case, back ? 'transferRejected' : 'partnerTransfer', guard, { note, data: { transferId: input.transferId, partner: input.partner } });
      });
    },
  };
}
