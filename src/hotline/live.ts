import type { PubSub } from 'graphql-yoga';
import { rowFilter } from '../../policies';
import { whileUnavailable } from '../platform/db/availability';
import { LISTEN_RESUMED } from '../platform/events/pg-event-target';
import { badInput, forbidden } from '../platform/graphql/errors';
import type { HotlineContext } from './context';
import { RiskWarningEntity, type Case, type RiskWarning } from './entities';
import { RISK_RAISED_TOPIC } from './insight/risk';
import { regionCode as validRegionCode } from './validate';

/**
 * Live events of the hotline (subscriptions). Published at commit through PostgreSQL NOTIFY — the
 * `case.changed` outbox trigger and the risk evaluation — and fanned out to every process, so a
 * subscription held by any hotline process hears every change. Events carry ids only; each one is
 * re-read in a transaction of its own under the subscriber's row and field policy, and the read is
 * audited like a query's.
 *
 * The first event of every subscription is `SUBSCRIBED`, sent once this process listens for it:
 * a client re-reads the state it needs after that, and misses nothing in between.
 *
 * A subscription survives a database restart (docs/failure-modes/database-restart.md): an event
 * whose re-read finds the database unreachable is read again once it answers (for up to a minute;
 * then the subscription ends with UPSTREAM_UNAVAILABLE, `retryable: true`), and when this process
 * LISTENs again after losing its connection, the subscription sends `RESUBSCRIBED` — events of the
 * gap were not heard, so the client re-reads what it needs, exactly as after `SUBSCRIBED`.
 */
export type CaseChangedEvent = { caseId: string; action: string; status: string };
export type HotlineTopics = { 'case.changed': [CaseChangedEvent]; [RISK_RAISED_TOPIC]: [{ warningId: string }]; [LISTEN_RESUMED]: [undefined] };
export type HotlinePubSub = PubSub<HotlineTopics>;

export type LiveKind = 'SUBSCRIBED' | 'RESUBSCRIBED' | 'CHANGED';
export type CaseChange = { kind: LiveKind; action?: string; case?: Case };
export type RiskWarningEvent = { kind: 'SUBSCRIBED' | 'RESUBSCRIBED' | 'RAISED'; warning?: RiskWarning };

export type CaseChangeFilter = { categoryCodes?: readonly string[] | null; regionCode?: string | null };

export async function* caseChanges(ctx: HotlineContext, filter: CaseChangeFilter): AsyncGenerator<CaseChange> {
  if (!rowFilter(ctx.ability, 'read', 'Case')) throw forbidden('you may not read cases, so there is nothing to subscribe to');
  const categories = filter.categoryCodes?.length ? new Set(filter.categoryCodes) : undefined;
  if (categories && categories.size > 50) throw badInput('categoryCodes', 'at most 50 categories');
  const region = filter.regionCode != null ? validRegionCode('regionCode', filter.regionCode) : undefined;
  for await (const item of listen(ctx, 'case.changed')) {
    if (item.kind !== 'EVENT') {
      yield { kind: item.kind };
      continue;
    }
    const { value: c, end } = await reread(ctx, () => ctx.loaders.caseById.load(item.event.caseId));
    try {
      if (!c) continue; // not the subscriber's case (or no longer)
      if (categories && !(c.categoryCode && categories.has(c.categoryCode))) continue;
      if (region && !c.regionPath.includes(region)) continue;
      yield { kind: 'CHANGED', action: item.event.action, case: c };
    } finally {
      await end();
    }
  }
}

export async function* riskWarningsRaised(ctx: HotlineContext): AsyncGenerator<RiskWarningEvent> {
  if (!rowFilter(ctx.ability, 'read', 'RiskWarning')) throw forbidden('risk warnings are for hotline managers and analysts');
  for await (const item of listen(ctx, RISK_RAISED_TOPIC)) {
    if (item.kind !== 'EVENT') {
      yield { kind: item.kind };
      continue;
    }
    const { value: warning, end } = await reread(ctx, async () => {
      const visible = rowFilter(ctx.ability, 'read', 'RiskWarning');
      return visible ? ctx.em.findOne(RiskWarningEntity, { $and: [{ id: item.event.warningId }, visible] }) : null;
    });
    try {
      if (warning) yield { kind: 'RAISED', warning };
    } finally {
      await end();
    }
  }
}

/**
 * An event's re-read, in a transaction of its own (the principal declared for row security), ended
 * by the caller after the event's fields are resolved. While the database cannot be reached it is
 * tried again (whileUnavailable), so a restart does not end the subscription.
 */
async function reread<T>(ctx: HotlineContext, read: () => Promise<T>): Promise<{ value: T; end: () => Promise<void> }> {
  return whileUnavailable(async () => {
    const end = await live(ctx).renew(ctx);
    try {
      return { value: await read(), end };
    } catch (error) {
      await end().catch(() => undefined);
      throw error;
    }
  });
}

function live(ctx: HotlineContext): NonNullable<HotlineContext['live']> {
  if (!ctx.live) throw new Error('this context serves no subscription');
  return ctx.live;
}

type Heard<T> = { kind: 'SUBSCRIBED' | 'RESUBSCRIBED' } | { kind: 'EVENT'; event: T };

/**
 * Yields SUBSCRIBED once the listener is registered, then the topic's events, and RESUBSCRIBED
 * whenever this process LISTENs again after losing its connection (events may have been missed).
 */
async function* listen<T extends 'case.changed' | typeof RISK_RAISED_TOPIC>(ctx: HotlineContext, topic: T): AsyncGenerator<Heard<HotlineTopics[T][0]>> {
  const pubsub = live(ctx).pubsub;
  const heard: Heard<HotlineTopics[T][0]>[] = [];
  let wake: (() => void) | undefined;
  const push = (item: Heard<HotlineTopics[T][0]>) => {
    heard.push(item);
    wake?.();
  };
  const pump = async <V>(source: AsyncIterable<V>, map: (value: V) => Heard<HotlineTopics[T][0]>) => {
    for await (const value of source) push(map(value));
  };
  const events = (pubsub.subscribe as (topic: T) => AsyncIterable<HotlineTopics[T][0]>)(topic)[Symbol.asyncIterator]();
  const resumed = (pubsub.subscribe as (topic: typeof LISTEN_RESUMED) => AsyncIterable<undefined>)(LISTEN_RESUMED)[Symbol.asyncIterator]();
  // Both listeners are registered by the pumps' first next(), which runs now.
  const pumps = Promise.all([
    pump({ [Symbol.asyncIterator]: () => events }, (event) => ({ kind: 'EVENT', event })),
    pump({ [Symbol.asyncIterator]: () => resumed }, () => ({ kind: 'RESUBSCRIBED' })),
  ]);
  try {
    yield { kind: 'SUBSCRIBED' };
    for (;;) {
      while (heard.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      yield heard.shift()!;
    }
  } finally {
    await events.return?.();
    await resumed.return?.();
    await pumps.catch(() => undefined);
  }
}
