import { LockMode } from '@mikro-orm/core';
import { asSubject } from '../../../policies';
import { badInput, forbidden, invalidTransition, notFound } from '../../../src/platform/graphql/errors';
import { localIdOf } from '../../../src/platform/graphql/ids';
import { isPartnerName } from '../../kit/partners';
import { regionPathOf } from '../../kit/regions';
import { payloadHash, stableJson } from '../../kit/exchange-log';
import type { ExchangeContext } from '../context';
import { CaseScopeEntity, TransferEntity, type Transfer } from '../entities';
import { acknowledge, MESSAGE, publish, receiveFeedback, requestTransfer } from '../transfers';
import { builder } from './builder';
import { TransferRef } from './transfer';


const InboundTransferInput = builder.inputType('InboundTransferInput', {
  fields: (t) => ({
    idempotencyKey: t.string({ required: true, description: 'Unique per message of the partner: a retry with the same key returns the first result.' }),
    externalRef: t.string({ required: true, description: "The partner's own reference (110: the incident number)." }),
    occurredAt: t.field({ type: 'DateTime', required: false }),
    region: t.string({ required: true }),
    address: t.string({ required: false }),
    categoryCode: t.string({ required: false }),
    title: t.string({ required: true }),
    description: t.string({ required: true }),
    callerName: t.string({ required: false }),
    callerPhone: t.string({ required: false }),
  }),
});

/** The transfer `id` names, locked for the change, if the principal may see it; NOT_FOUND otherwise. */
async function lockVisible(ctx: ExchangeContext, tx: ExchangeContext['em'], id: string): Promise<Transfer> {
  const local = localIdOf('Transfer', id, 'id');
  const transfer = await tx.findOne(TransferEntity, { id: local }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!transfer || !ctx.ability.can('read', asSubject('Transfer', transfer))) throw notFound('transfer');
  return transfer;
}

/** A partner's GraphQL message is evidence like its webhooks: one exchange log record each. */
async function logPartnerCall(ctx: ExchangeContext, transfer: Transfer, type: string, args: Record<string, unknown>): Promise<void> {
  if (!ctx.principal.partner) return;
  await ctx.kit.record([
    {
      at: ctx.clock.now(),
      partner: transfer.partner,
      direction: 'IN',
      messageId: `graphql:${ctx.requestId}`,
      type,
      caseNumber: transfer.caseNumber,
      principalId: ctx.principal.sub,
      payloadHash: payloadHash(stableJson(args)),
      outcome: 'ACCEPTED',
    },
  ]);
}

builder.mutationType({
  fields: (t) => ({
    transferCase: t.field({
      type: TransferRef,
      description: 'Hub → partner: transfers a case (110 for a police matter, a utility for a fault …). The partner gets the fields of its agreement, pushed (webhook) or through GraphQL; the case shows the transfer.',
      args: { caseId: t.arg.id({ required: true }), partner: t.arg.string({ required: true }), reason: t.arg.string({ required: true }) },
      resolve: async (_root, args, ctx) => {
        if (!ctx.ability.can('transfer', 'Case')) throw forbidden('your role may not transfer cases to partners');
        if (!isPartnerName(args.partner)) throw badInput('partner', `must be one of the partner systems of the hub`);
        const reason = args.reason.trim();
        if (!reason || reason.length > 500) throw badInput('reason', 'must be 1 to 500 characters');
        const caseId = localIdOf('Case', String(args.caseId), 'caseId');
        return ctx.em.transactional(async (tx) => {
          const scope = await tx.findOne(CaseScopeEntity, { caseId });
          if (!scope || !ctx.ability.can('transfer', asSubject('Case', scope))) throw notFound('case');
          if (['CLOSED', 'MERGED'].includes(scope.status)) throw invalidTransition(scope.status, 'TRANSFERRED', 'a closed or merged case is not transferred');
          return requestTransfer(tx, scope, args.partner, reason, ctx.principal.sub, ctx.clock.now());
        });
      },
    }),
    receiveTransfer: t.field({
      type: TransferRef,
      description: 'Partner → hub (110 "双非" matters …): becomes a case of the partner channel. Idempotent by input.idempotencyKey; the same key with another payload is a CONFLICT.',
      args: { input: t.arg({ type: InboundTransferInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const partner = ctx.principal.partner;
        if (!partner || !ctx.ability.can('receiveTransfer', 'Transfer')) throw forbidden('only a partner system sends transfers to the hub');
        // The matter's region is the new transfer's scope: a partner account hands over matters of its own region only.
        if (!/^\d{6}$/.test(input.region)) throw badInput('input.region', 'must be a six-digit region code');
        if (!ctx.ability.can('receiveTransfer', asSubject('Transfer', { partner, regionPath: regionPathOf(input.region) }))) {
          throw badInput('input.region', `${input.region} is outside your region ${ctx.principal.region}`);
        }
        const key = input.idempotencyKey.trim();
        if (!key || key.length > 128) throw badInput('input.idempotencyKey', 'must be 1 to 128 characters');
        const { occurredAt, idempotencyKey: _key, ...rest } = input;
        const data = Object.fromEntries(Object.entries({ ...rest, occurredAt: occurredAt ? new Date(occurredAt).toISOString() : undefined }).filter(([, v]) => v != null));
        const outcome = await ctx.kit.receive({ partner, key, type: MESSAGE.created, data, principalId: ctx.principal.sub, via: 'graphql' });
        const transfer = await ctx.em.findOne(TransferEntity, { id: String(outcome.result.transferId) });
        if (!transfer) throw notFound('transfer');
        return transfer;
      },
    }),
    acknowledgeTransfer: t.field({
      type: TransferRef,
      description: 'The receiving partner accepts an outbound transfer (externalRef: its incident number) or rejects it with a reason; a rejected matter stays with the hotline.',
      args: {
        id: t.arg.id({ required: true }),
        accepted: t.arg.boolean({ required: true }),
        reason: t.arg.string({ required: false }),
        externalRef: t.arg.string({ required: false }),
      },
      resolve: async (_root, args, ctx) => {
        const transfer = await ctx.em.transactional(async (tx) => {
          const found = await lockVisible(ctx, tx, String(args.id));
          if (!ctx.ability.can('acknowledgeTransfer', asSubject('Transfer', found))) throw forbidden('you may not acknowledge this transfer');
          return acknowledge(tx, ctx.kit, found, { accepted: args.accepted, reason: args.reason, externalRef: args.externalRef }, ctx.clock.now());
        });
        await logPartnerCall(ctx, transfer, MESSAGE.acknowledged, args);
        return transfer;
      },
    }),
    submitTransferFeedback: t.field({
      type: TransferRef,
      description: "The receiving partner's handling result on an outbound transfer; final closes it (the loop is closed).",
      args: { id: t.arg.id({ required: true }), feedback: t.arg.string({ required: true }), final: t.arg.boolean({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const transfer = await ctx.em.transactional(async (tx) => {
          const found = await lockVisible(ctx, tx, String(args.id));
          if (!ctx.ability.can('feedbackTransfer', asSubject('Transfer', found))) throw forbidden('you may not give feedback on this transfer');
          return receiveFeedback(tx, found, args.feedback, args.final, ctx.clock.now());
        });
        await logPartnerCall(ctx, transfer, MESSAGE.feedback, args);
        return transfer;
      },
    }),
    enablePartnerEndpoint: t.boolean({
      description: "Administrators: pushes to a partner resume after its endpoint was disabled by a 410 (set the new URL first); then redrive what was dead-lettered. False when it was not disabled.",
      args: { partner: t.arg.string({ required: true }) },
      resolve: async (_root, args, ctx) => {
        if (!ctx.ability.can('manage', 'PartnerEndpoint')) throw forbidden('only an administrator re-enables a partner endpoint');
        if (!isPartnerName(args.partner)) throw badInput('partner', 'must be one of the partner systems of the hub');
        if (!(await ctx.kit.isDisabled(args.partner))) return false;
        await ctx.kit.enableEndpoint(args.partner);
        ctx.log.info({ partner: args.partner }, 'partner endpoint enabled by an administrator');
        return true;
      },
    }),
    redriveTransfer: t.field({
      type: TransferRef,
      description: 'Sends a dead-lettered transfer again, from a fresh attempt count (after the partner is reachable again).',
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, args, ctx) =>
        ctx.em.transactional(async (tx) => {
          const transfer = await lockVisible(ctx, tx, String(args.id));
          if (!ctx.ability.can('redrive', asSubject('Transfer', transfer))) throw forbidden('you may not redrive transfers');
          if (await ctx.kit.isDisabled(transfer.partner)) throw invalidTransition(transfer.status, 'PENDING', `${transfer.partner}'s endpoint is disabled (it answered 410); it must be re-enabled first`);
          const redriven = await ctx.kit.redrive(transfer.partner, transfer.id);
          if (redriven === 0) throw invalidTransition(transfer.status, 'PENDING', 'nothing of this transfer is dead-lettered');
          const now = ctx.clock.now();
          if (transfer.status === 'DEAD_LETTERED') transfer.status = 'PENDING';
          transfer.attempts = 0;
          transfer.lastError = undefined;
          transfer.updatedAt = now;
          await tx.flush();
          await publish(tx, transfer, 'REDRIVEN', now);
          return transfer;
        }),
    }),
  }),
});
