import type { PubSub } from 'graphql-yoga';
import { rowFilter } from '../../policies';
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
 */
export type CaseChangedEvent = { caseId: string; action: string; status: string };
export type HotlineTopics = { 'case.changed': [CaseChangedEvent]; [RISK_RAISED_TOPIC]: [{ warningId: string }] };
export type HotlinePubSub = PubSub<HotlineTopics>;

export type LiveKind = 'SUBSCRIBED' | 'CHANGED';
export type CaseChange = { kind: LiveKind; action?: string; case?: Case };
export type RiskWarningEvent = { kind: 'SUBSCRIBED' | 'RAISED'; warning?: RiskWarning };

export type CaseChangeFilter = { categoryCodes?: readonly string[] | null; regionCode?: string | null };

export async function* caseChanges(ctx: HotlineContext, filter: CaseChangeFilter): AsyncGenerator<CaseChange> {
  if (!rowFilter(ctx.ability, 'read', 'Case')) throw forbidden('you may not read cases, so there is nothing to subscribe to');
  const categories = filter.categoryCodes?.length ? new Set(filter.categoryCodes) : undefined;
  if (categories && categories.size > 50) throw badInput('categoryCodes', 'at most 50 categories');
  const region = filter.regionCode != null ? validRegionCode('regionCode', filter.regionCode) : undefined;
  for await (const event of listen(ctx, 'case.changed')) {
    if (!event) {
      yield { kind: 'SUBSCRIBED' };
      continue;
    }
    const end = await live(ctx).renew(ctx);
    try {
      const c = await ctx.loaders.caseById.load(event.caseId);
      if (!c) continue; // not the subscriber's case (or no longer)
      if (categories && !(c.categoryCode && categories.has(c.categoryCode))) continue;
      if (region && !c.regionPath.includes(region)) continue;
      yield { kind: 'CHANGED', action: event.action, case: c };
    } finally {
      await end();
    }
  }
}

export async function* riskWarningsRaised(ctx: HotlineContext): AsyncGenerator<RiskWarningEvent> {
  if (!rowFilter(ctx.ability, 'read', 'RiskWarning')) throw forbidden('risk warnings are for hotline managers and analysts');
  for await (const event of listen(ctx, RISK_RAISED_TOPIC)) {
    if (!event) {
      yield { kind: 'SUBSCRIBED' };
      continue;
    }
    const end = await live(ctx).renew(ctx);
    try {
      const visible = rowFilter(ctx.ability, 'read', 'RiskWarning');
      const warning = visible ? await ctx.em.findOne(RiskWarningEntity, { $and: [{ id: event.warningId }, visible] }) : null;
      if (warning) yield { kind: 'RAISED', warning };
    } finally {
      await end();
    }
  }
}

function live(ctx: HotlineContext): NonNullable<HotlineContext['live']> {
  if (!ctx.live) throw new Error('this context serves no subscription');
  return ctx.live;
}

/** Yields `undefined` once the listener is registered, then the topic's events. */
async function* listen<T extends keyof HotlineTopics>(ctx: HotlineContext, topic: T): AsyncGenerator<HotlineTopics[T][0] | undefined> {
  const subscribe = live(ctx).pubsub.subscribe as (topic: T) => AsyncIterable<HotlineTopics[T][0]>;
  const events = subscribe(topic)[Symbol.asyncIterator]();
  const first = events.next(); // registers the listener now
  try {
    yield undefined;
    for (let next = await first; !next.done; next = await events.next()) yield next.value;
  } finally {
    await events.return?.();
  }
}
