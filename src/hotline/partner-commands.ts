import { randomUUID } from 'node:crypto';
import { defineAbilityFor } from '../../policies';
import type { HotlineCommand, IntakeCommand } from '../../connectors/kit/matters';
import type { OutboxMessage } from '../../connectors/kit/outbox';
import { GiveUp } from '../../connectors/kit/worker';
import { AccessRecorder } from '../platform/access-log/recorder';
import type { EntityManager } from '../platform/db/orm';
import { HubError } from '../platform/graphql/errors';
import type { Principal } from '../platform/identity/principal';
import type { Logger } from '../platform/logging';
import type { HotlineContext } from './context';
import { CaseEntity, RegionEntity, SupervisionEntity, type Case } from './entities';
import { registerCase } from './intake';
import { emitChange, moveCase, recordHistory } from './mutate';
import type { HotlineRuntime } from './runtime';
import { applyOversight } from './supervision';
import { segmentForSearch } from './text';
import { checkTransition, OPEN_STATES, type WorkflowAction } from './workflow';

/**
 * Share of words (jieba tokens, Jaccard) from which a partner's matter is taken to be the same as an
 * open case of the same district and category: linked, not registered twice. Deliberately high —
 * a wrong link hides a matter; a missed one is still merged by a dispatcher (duplicateCandidates).
 */
export const LINK_TEXT_THRESHOLD = 0.5;

/**
 * Applies the connectors' commands (connectors/kit/matters.ts) to the hotline, for the hotline as a
 * whole (declared SYSTEM for row-level security), each outbox message once: the message id is
 * recorded in the same transaction as its effect, so a redelivered command changes nothing.
 * A partner's matter becomes a case — or a link to an open case about the same matter (one matter,
 * one handler) — and the answer goes back to the connector as a `case.changed` event naming the
 * partner and its reference.
 */
export function hotlineCommandHandler(runtime: HotlineRuntime, log: Logger): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const command = message.payload as unknown as HotlineCommand;
    try {
      await runtime.asSystem(async (tx) => {
        const rows = (await tx.execute(`insert into hotline.applied_command (message_id, applied_at) values (?, ?) on conflict do nothing returning message_id`, [
          message.id,
          runtime.clock.now(),
        ])) as unknown[];
        if (rows.length === 0) return;
        await apply(tx, runtime, log, command);
        await tx.flush();
      });
    } catch (error) {
      // A matter the hotline refuses (an unknown region …) will not improve with retries: dead-lettered at once, visible to operations.
      if (error instanceof HubError) throw new GiveUp(`${command.kind} ${command.partner} ${command.externalRef}: ${error.message}`);
      throw error;
    }
  };
}

async function apply(tx: EntityManager, runtime: HotlineRuntime, log: Logger, command: HotlineCommand): Promise<void> {
  const now = runtime.clock.now();
  const actor: Principal = { sub: `partner:${command.partner}`, role: 'PARTNER_SYSTEM', partner: command.partner as Principal['partner'] };
  switch (command.kind) {
    case 'intake': {
      const candidate = command.linkable ? await sameMatter(tx, runtime, command) : null;
      // A partner's word is evidence to check, never a grant: its matter is linked to an open case
      // only when the hub already shares that case with the partner. Otherwise it is a new matter,
      // and the case it cites or resembles is named for a dispatcher, who may merge the two (并单).
      const target = candidate && candidate.sharedWith.includes(command.partner) ? candidate : null;
      if (target) {
        if (!target.sharedWith.includes(command.partner)) target.sharedWith = [...target.sharedWith, command.partner];
        target.updatedAt = now;
        await upsertLink(tx, target.id, command.system, command.partner, command.externalRef, 'SAME_MATTER', 'LINKED', now);
        const data = { partner: command.partner, externalRef: command.externalRef, linked: true, system: command.system };
        recordHistory(tx, target, actor, 'linkPartnerMatter', target.status, target.status, now, `${command.system} ${command.externalRef}`, data);
        await emitChange(tx, target, 'linkPartnerMatter', target.status, now, data);
        return;
      }
      await registerFromPartner(tx, runtime, log, command, candidate ?? undefined);
      return;
    }
    case 'supervise': {
      const c = await openCase(tx, command.caseId);
      if (!c) return;
      const effects = await applyOversight(tx, runtime, c, command.level, now);
      c.updatedAt = now;
      tx.create(SupervisionEntity, { id: randomUUID(), caseId: c.id, kind: command.level, trigger: 'PARTNER', cycle: c.reopenCount, note: command.note, at: now, by: actor.sub });
      const data = { kind: command.level, trigger: 'PARTNER', partner: command.partner, externalRef: command.externalRef, ...effects };
      recordHistory(tx, c, actor, 'supervise', c.status, c.status, now, command.note, data);
      await emitChange(tx, c, 'supervise', c.status, now, data);
      return;
    }
    case 'progress': {
      const c = await tx.findOne(CaseEntity, { id: command.caseId });
      if (!c) return;
      c.updatedAt = now;
      const data = { partner: command.partner, externalRef: command.externalRef };
      recordHistory(tx, c, actor, 'partnerProgress', c.status, c.status, now, command.note, data);
      await emitChange(tx, c, 'partnerProgress', c.status, now, data);
      return;
    }
    case 'reply': {
      const c = await tx.findOne(CaseEntity, { id: command.caseId });
      if (!c) return;
      const settings = await runtime.settings();
      const guard = { now, settings, facts: {} };
      const data = { partner: command.partner, externalRef: command.externalRef, result: command.result };
      // The partner handles the matter as the case's unit: its reply is the unit's reply when the
      // case is at the unit (signing first if need be); otherwise it is recorded for the dispatcher.
      const steps: WorkflowAction[] = c.status === 'DISPATCHED' ? ['sign', 'reply'] : ['reply'];
      if (!steps.every((step, i) => i > 0 || checkTransition(step, c, () => true, guard).ok)) {
        recordHistory(tx, c, actor, 'partnerProgress', c.status, c.status, now, command.text, data);
        await emitChange(tx, c, 'partnerProgress', c.status, now, data);
        return;
      }
      for (const step of steps) {
        const check = checkTransition(step, c, () => true, guard);
        if (!check.ok) return;
        if (step === 'sign') c.signedAt = now;
        if (step === 'reply') Object.assign(c, { repliedAt: now, replyResult: command.result, replyText: command.text });
        await moveCase(tx, runtime, actor, c, step, check.to, now, { note: step === 'reply' ? command.text : undefined, data });
      }
      return;
    }
    case 'link': {
      if (!(await tx.findOne(CaseEntity, { id: command.caseId }))) return;
      await upsertLink(tx, command.caseId, command.system, command.partner, command.externalRef, command.relation, command.status, now);
      return;
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown hotline command ${JSON.stringify(unknown)}`);
    }
  }
}

async function openCase(tx: EntityManager, id: string): Promise<Case | null> {
  const c = await tx.findOne(CaseEntity, { id });
  return c && OPEN_STATES.includes(c.status) ? c : null;
}

async function upsertLink(tx: EntityManager, caseId: string, system: IntakeCommand['system'], partner: string, reference: string, relation: string, status: string, now: Date): Promise<void> {
  await tx.execute(
    `insert into hotline.case_link (id, case_id, system, partner, reference, relation, status, linked_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (case_id, system, reference) do update set status = excluded.status, updated_at = excluded.updated_at`,
    [randomUUID(), caseId, system, partner, reference, relation, status, now, now],
  );
}

/**
 * The open case a partner's matter may be about, if there is one: the case the partner cites — in
 * the district it names — or the open case of the same district and category (within the duplicate
 * window) whose words are most alike, above LINK_TEXT_THRESHOLD.
 */
async function sameMatter(tx: EntityManager, runtime: HotlineRuntime, command: IntakeCommand): Promise<Case | null> {
  const open = { status: { $in: [...OPEN_STATES] }, masterId: null };
  if (command.citedCaseNumber) {
    const cited = await tx.findOne(CaseEntity, { number: command.citedCaseNumber, regionCode: command.region, ...open });
    if (cited) return cited;
  }
  if (!command.categoryCode) return null;
  const settings = await runtime.settings();
  const since = new Date(runtime.clock.now().getTime() - settings.duplicateWindowDays * 86_400_000);
  const candidates = await tx.find(CaseEntity, { ...open, regionCode: command.region, categoryCode: command.categoryCode, createdAt: { $gte: since } }, { limit: 200, orderBy: { createdAt: 'desc' } });
  const words = new Set(segmentForSearch(`${command.title} ${command.description}`).split(' ').filter(Boolean));
  let best: { c: Case; score: number } | null = null;
  for (const c of candidates) {
    const other = new Set(c.searchText.split(' ').filter(Boolean));
    const shared = [...words].filter((w) => other.has(w)).length;
    const score = shared / Math.max(1, new Set([...words, ...other]).size);
    if (score >= LINK_TEXT_THRESHOLD && (!best || score > best.score)) best = { c, score };
  }
  return best?.c ?? null;
}

/** Registers the partner's matter through the hotline's own intake (validation, numbering, workflow). */
async function registerFromPartner(tx: EntityManager, runtime: HotlineRuntime, log: Logger, command: IntakeCommand, resembles?: Case): Promise<void> {
  const region = await tx.findOne(RegionEntity, { code: command.region });
  const city = region?.path[1] ?? region?.path[0];
  const principal: Principal = { sub: `partner:${command.partner}`, role: 'OPERATOR', region: city };
  const now = runtime.clock.now();
  const ctx = {
    subgraph: 'hotline',
    requestId: `command:${command.partner}:${command.externalRef}`,
    principal,
    purpose: 'INTAKE',
    clientAddress: undefined,
    operationName: 'partnerIntake',
    clock: runtime.clock,
    log,
    access: new AccessRecorder({ subgraph: 'hotline', requestId: '', principal, purpose: 'INTAKE', operationName: 'partnerIntake', documentHash: '', clientAddress: undefined, policyVersion: '' }, () => now),
    em: tx,
    ability: defineAbilityFor(principal, 'INTAKE', { now }),
    runtime,
    loaders: undefined as never,
  } satisfies HotlineContext;
  await registerCase(ctx, {
    channel: command.channel,
    type: command.type,
    urgency: command.urgency,
    disposition: 'HANDLE',
    categoryCode: command.categoryCode,
    title: command.title,
    description: command.description,
    region: command.region,
    township: command.township,
    address: command.address,
    occurredAt: command.occurredAt ? new Date(command.occurredAt) : undefined,
    caller: { anonymous: true },
    idempotencyKey: `${command.system}:${command.externalRef}`,
    origin: { partner: command.partner, externalRef: command.externalRef, system: command.system },
    duplicateOf: resembles && { caseNumber: resembles.number, evidence: command.citedCaseNumber === resembles.number ? 'CITED_BY_PARTNER' : 'SIMILAR_WORDS' },
  });
}
