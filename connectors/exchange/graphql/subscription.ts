import { rowFilter } from '../../../policies';
import { whileUnavailable } from '../../../src/platform/db/availability';
import { forkEm } from '../../../src/platform/db/orm';
import { LISTEN_RESUMED } from '../../../src/platform/events/pg-event-target';
import { forbidden } from '../../../src/platform/graphql/errors';
import type { ExchangeContext } from '../context';
import { TransferEntity, type Transfer } from '../entities';
import { TRANSFER_EVENT_TOPIC, type TransferEventDetail } from '../transfers';
import { builder } from './builder';
import { TransferRef } from './transfer';

type TransferEventShape = { type: string; at: Date; transfer: Transfer | null };

const TransferEventRef = builder.objectRef<TransferEventShape>('TransferEvent').implement({
  description:
    'A change of a transfer: CREATED, SENT, ACKNOWLEDGED, REJECTED, IN_PROGRESS, FEEDBACK, CLOSED, FAILED, DEAD_LETTERED, REDRIVEN, ACK_OVERDUE. The first event of every subscription is SUBSCRIBED (no transfer): from then on nothing is missed. RESUBSCRIBED (no transfer) follows a database restart or a lost connection: changes in between were not heard, so re-read your transfers, as after SUBSCRIBED.',
  fields: (t) => ({
    type: t.exposeString('type'),
    at: t.expose('at', { type: 'DateTime' }),
    transfer: t.field({ type: TransferRef, nullable: true, resolve: (e) => e.transfer }),
  }),
});

/**
 * transferEvents: every transfer change the subscriber may see, as it commits in any hub process
 * (NOTIFY at commit → each process's LISTEN → its subscribers). The NOTIFY carries ids only; each
 * event re-reads the transfer under the subscriber's row policy, so a partner sees only its own.
 * It survives a database restart: a re-read that finds the database unreachable is tried again
 * once it answers (for up to a minute, then UPSTREAM_UNAVAILABLE, retryable), and RESUBSCRIBED
 * tells the client when this process LISTENs again after losing its connection.
 */
async function* transferEvents(ctx: ExchangeContext, partner: string | undefined): AsyncGenerator<TransferEventShape> {
  const visible = rowFilter(ctx.ability, 'read', 'Transfer');
  if (!visible) throw forbidden('your role does not see transfers');
  const queue: (TransferEventDetail | 'RESUBSCRIBED')[] = [];
  let wake: (() => void) | undefined;
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<TransferEventDetail>).detail;
    if (partner && detail.partner !== partner) return;
    queue.push(detail);
    wake?.();
  };
  const resumed = () => {
    queue.push('RESUBSCRIBED');
    wake?.();
  };
  ctx.events.addEventListener(TRANSFER_EVENT_TOPIC, listener);
  ctx.events.addEventListener(LISTEN_RESUMED, resumed);
  try {
    yield { type: 'SUBSCRIBED', at: ctx.clock.now(), transfer: null };
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const detail = queue.shift()!;
      if (detail === 'RESUBSCRIBED') {
        yield { type: 'RESUBSCRIBED', at: ctx.clock.now(), transfer: null };
        continue;
      }
      // A fresh read per event: never a cached or another principal's copy.
      const transfer = await whileUnavailable(() => forkEm(ctx.orm).findOne(TransferEntity, { $and: [{ id: detail.id }, visible] }));
      if (transfer) yield { type: detail.type, at: new Date(detail.at), transfer };
    }
  } finally {
    ctx.events.removeEventListener(TRANSFER_EVENT_TOPIC, listener);
    ctx.events.removeEventListener(LISTEN_RESUMED, resumed);
  }
}

builder.subscriptionType({
  fields: (t) => ({
    transferEvents: t.field({
      type: TransferEventRef,
      description: 'Changes of transfers, as they happen (SSE or graphql-ws through the gateway). A partner system sees only its own; `partner` narrows the stream for others.',
      args: { partner: t.arg.string({ required: false }) },
      subscribe: (_root, args, ctx) => {
        const own = ctx.principal.partner;
        if (own && args.partner && args.partner !== own) throw forbidden('a partner sees only its own transfer events');
        return transferEvents(ctx, own ?? args.partner ?? undefined);
      },
      resolve: (event) => event,
    }),
  }),
});
