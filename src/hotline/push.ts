import { createHash, randomUUID } from 'node:crypto';
import { asSubject, rowFilter } from '../../policies';
import { retryAfterMs } from '../../connectors/kit/client';
import type { CaseSnapshot } from '../../connectors/kit/events';
import { generateSecret, sign } from '../../connectors/kit/signing';
import { RetryLater, type OutboxHandler } from '../../connectors/kit/worker';
import type { Clock } from '../platform/clock';
import { forkEm, type Orm } from '../platform/db/orm';
import { badInput, forbidden, notFound } from '../platform/graphql/errors';
import { localIdOf, toGlobalId } from '../platform/graphql/ids';
import type { InternalCaller } from '../platform/graphql/internal-call';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import type { HotlineContext } from './context';
import { CaseWebhookEntity, CategoryEntity, RegionEntity, type CaseWebhook } from './entities';
import { regionCode as validRegionCode } from './validate';

/**
 * Push to departments (66号 (八)): a unit subscribes to new and changed cases of its categories and
 * region, and the hub POSTs each change to the unit's system, signed with Standard Webhooks.
 *
 * The payload is what the unit would read with a query — it is rendered by running `PUSH_DOCUMENT`
 * against the hotline subgraph as the unit (`webhook:<id>`, the registering handler's role, unit
 * and region), so the same row policy, field policy and masking apply and the read lands in the
 * access log like any other. A case the unit can no longer see is not pushed.
 *
 * Delivery rides the hotline outbox: each `case.changed` fans out into one `case.push` message per
 * matching subscription (deterministic ids: a retried fan-out adds nothing), delivered at least
 * once, in order per subscription, with capped backoff; `webhook-id` is the message id, so the
 * receiver drops duplicates. `410 Gone` disables the subscription; `Retry-After` is honoured.
 */
export const PUSH_TOPIC = 'case.push';
export const MAX_WEBHOOKS_PER_UNIT = 5;
const MAX_CATEGORIES = 50;

export const PUSH_DOCUMENT = /* GraphQL */ `
  query CasePush($id: ID!) {
    case(id: $id) {
      id number channel type urgency status disposition
      category { code name }
      title description region township address grid occurredAt
      caller { name phone anonymous confidential }
      leadUnit { id name } coUnits { id name }
      dueAt overdue createdAt updatedAt dispatchedAt signedAt closedAt version
      reply { result text at }
    }
  }
`;

export type PushPayload = { webhookId: string; caseId: string; action: string; status: string; occurredAt: string };

// ── registration (GraphQL mutations) ──────────────────────────────────────────

export async function listCaseWebhooks(ctx: HotlineContext): Promise<CaseWebhook[]> {
  const visible = rowFilter(ctx.ability, 'read', 'CaseWebhook');
  if (!visible) return [];
  return ctx.em.find(CaseWebhookEntity, visible, { orderBy: { createdAt: 'asc' } });
}

export async function registerCaseWebhook(
  ctx: HotlineContext,
  input: { url: string; categoryCodes?: readonly string[] | null; regionCode?: string | null },
): Promise<{ webhook: CaseWebhook; secret: string }> {
  const { principal } = ctx;
  const unitId = principal.unit;
  if (!unitId || !ctx.ability.can('manage', asSubject('CaseWebhook', { unitId }))) {
    throw forbidden('push subscriptions are registered by a handler, for the cases of its own unit');
  }
  const url = webhookUrl(input.url);
  const categoryCodes = [...new Set(input.categoryCodes ?? [])];
  if (categoryCodes.length > MAX_CATEGORIES) throw badInput('categoryCodes', `at most ${MAX_CATEGORIES} categories`);
  if (categoryCodes.length) {
    const known = new Set((await ctx.em.find(CategoryEntity, { code: { $in: categoryCodes } })).map((c) => c.code));
    const index = categoryCodes.findIndex((code) => !known.has(code));
    if (index >= 0) throw badInput(`categoryCodes[${index}]`, `no category ${JSON.stringify(categoryCodes[index]!.slice(0, 32))}`);
  }
  let filterRegion: string | undefined;
  if (input.regionCode != null) {
    filterRegion = validRegionCode('regionCode', input.regionCode);
    if (!(await ctx.em.findOne(RegionEntity, { code: filterRegion }))) throw badInput('regionCode', 'no such region');
  }
  const active = await ctx.em.count(CaseWebhookEntity, { unitId, disabledAt: null });
  if (active >= MAX_WEBHOOKS_PER_UNIT) throw badInput('url', `a unit holds at most ${MAX_WEBHOOKS_PER_UNIT} push subscriptions; remove one first`);
  const secret = generateSecret();
  const webhook = ctx.em.create(CaseWebhookEntity, {
    id: randomUUID(),
    unitId,
    role: principal.role,
    regionCode: principal.region,
    url,
    categoryCodes,
    filterRegion,
    secrets: [secret],
    createdAt: ctx.clock.now(),
    createdBy: principal.sub,
  });
  await ctx.em.flush();
  ctx.log.info({ webhookId: webhook.id, unitId }, 'push subscription registered');
  return { webhook, secret };
}

/** Starts a rotation: the new secret signs first, the previous one still signs until the next rotation. */
export async function rotateCaseWebhookSecret(ctx: HotlineContext, id: string): Promise<{ webhook: CaseWebhook; secret: string }> {
  const webhook = await ownWebhook(ctx, id, 'manage');
  const secret = generateSecret();
  webhook.secrets = [secret, webhook.secrets[0]!];
  await ctx.em.flush();
  return { webhook, secret };
}

/** The unit removes its subscription; an administrator disables it (kept, for the record). */
export async function removeCaseWebhook(ctx: HotlineContext, id: string): Promise<boolean> {
  const webhook = await ctx.em.findOne(CaseWebhookEntity, { id: localIdOf('CaseWebhook', id, 'id') });
  if (!webhook || !ctx.ability.can('read', asSubject('CaseWebhook', webhook))) throw notFound('push subscription');
  if (ctx.ability.can('manage', asSubject('CaseWebhook', webhook))) {
    ctx.em.remove(webhook);
  } else if (ctx.ability.can('disable', asSubject('CaseWebhook', webhook))) {
    webhook.disabledAt = ctx.clock.now();
    webhook.disabledReason = `disabled by ${ctx.principal.sub}`.slice(0, 300);
  } else {
    throw forbidden('only the unit or an administrator removes a push subscription');
  }
  await ctx.em.flush();
  return true;
}

async function ownWebhook(ctx: HotlineContext, id: string, action: 'manage'): Promise<CaseWebhook> {
  const webhook = await ctx.em.findOne(CaseWebhookEntity, { id: localIdOf('CaseWebhook', id, 'id') });
  if (!webhook || !ctx.ability.can('read', asSubject('CaseWebhook', webhook))) throw notFound('push subscription');
  if (!ctx.ability.can(action, asSubject('CaseWebhook', webhook))) throw forbidden('only the unit manages its push subscription');
  return webhook;
}

function webhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput('url', 'not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('url', 'must be an http or https URL');
  if (url.username || url.password) throw badInput('url', 'must not carry credentials; pushes are authenticated by their signature');
  if (url.href.length > 500) throw badInput('url', 'at most 500 characters');
  return url.href;
}

// ── fan-out and delivery (outbox handlers) ─────────────────────────────────────

/**
 * For a `case.changed` event: one `case.push` message per active subscription whose unit the case is
 * assigned to and whose categories and region it matches. Idempotent: the message ids derive from
 * the event and the subscription, and a second insert of the same id does nothing.
 */
export function pushFanOut(orm: Orm, clock: Clock): OutboxHandler {
  return async (message) => {
    const { action, case: snapshot } = message.payload as { action: string; case: CaseSnapshot };
    if (!snapshot.assignedUnitIds.length) return;
    const em = forkEm(orm);
    const hooks = await em.find(CaseWebhookEntity, { unitId: { $in: snapshot.assignedUnitIds }, disabledAt: null });
    const due = hooks.filter(
      (h) =>
        h.createdAt <= message.createdAt && // changes from the subscription on, not before
        (h.categoryCodes.length === 0 || (snapshot.categoryCode !== undefined && h.categoryCodes.includes(snapshot.categoryCode))) &&
        (!h.filterRegion || snapshot.regionPath.includes(h.filterRegion)),
    );
    if (!due.length) return;
    const now = clock.now();
    const rows = due.map((h) => {
      const payload: PushPayload = { webhookId: h.id, caseId: snapshot.caseId, action, status: snapshot.status, occurredAt: message.createdAt.toISOString() };
      return [derivedId(message.id, h.id), PUSH_TOPIC, h.id, JSON.stringify(payload), now, now];
    });
    await em.execute(
      `insert into hotline.outbox (id, topic, key, payload, created_at, available_at, attempts)
       values ${rows.map(() => '(?, ?, ?, ?::jsonb, ?, ?, 0)').join(', ')}
       on conflict (id) do nothing`,
      rows.flat(),
    );
  };
}

/** Renders the case as the subscribing unit and POSTs it, signed. */
export function pushDelivery(options: { orm: Orm; call: InternalCaller; clock: Clock; log: Logger; timeoutMs?: number }): OutboxHandler {
  const { orm, call, clock, log } = options;
  return async (message) => {
    const payload = message.payload as PushPayload;
    const em = forkEm(orm);
    const hook = await em.findOne(CaseWebhookEntity, { id: payload.webhookId });
    if (!hook || hook.disabledAt) return; // removed or disabled since: nothing to deliver
    const principal = { sub: `webhook:${hook.id}`, role: hook.role, unit: hook.unitId, region: hook.regionCode } as Principal;
    const result = await call({ principal, purpose: 'HANDLING', query: PUSH_DOCUMENT, variables: { id: toGlobalId('Case', payload.caseId) }, operationName: 'CasePush' });
    // Fields withheld from the unit (a whistleblower's identity …) are null in the push, as in its own reads.
    const failure = result.errors?.find((e) => (e.extensions as { code?: string } | undefined)?.code !== 'FORBIDDEN');
    if (failure) {
      const code = (failure.extensions as { code?: string } | undefined)?.code ?? 'UNKNOWN';
      throw new Error(`the case could not be rendered for the unit (${code})`);
    }
    const rendered = (result.data as { case: unknown } | undefined)?.case;
    if (!rendered) return; // the unit may no longer see the case
    const body = JSON.stringify({ type: 'case.changed', action: payload.action, occurredAt: payload.occurredAt, data: { case: rendered } });
    const started = Date.now();
    let response: Response;
    try {
      response = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...sign(hook.secrets, message.id, clock.now(), body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      throw new Error(`the unit's endpoint did not answer (${(error as Error).name})`);
    }
    if (response.ok) {
      log.debug({ webhookId: hook.id, ms: Date.now() - started }, 'case pushed');
      return;
    }
    if (response.status === 410) {
      hook.disabledAt = clock.now();
      hook.disabledReason = 'the endpoint answered 410 Gone';
      await em.flush();
      log.warn({ webhookId: hook.id, unitId: hook.unitId }, 'ALERT: push subscription disabled: its endpoint answered 410 Gone');
      return;
    }
    const retryAfter = retryAfterMs(response.headers.get('retry-after'), clock.now());
    if (retryAfter !== undefined && (response.status === 429 || response.status === 503)) throw new RetryLater(`the unit's endpoint asked to retry later (${response.status})`, retryAfter);
    throw new Error(`the unit's endpoint answered ${response.status}`);
  };
}

function derivedId(eventId: string, webhookId: string): string {
  const h = createHash('sha256').update(`${eventId}/${webhookId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
