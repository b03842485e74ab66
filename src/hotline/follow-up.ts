import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../platform/db/orm';
import { badInput } from '../platform/graphql/errors';
import type { Principal } from '../platform/identity/principal';
import type { HotlineContext } from './context';
import { fixedDeadline, setDeadline, startDeadline } from './deadlines';
import { longCycleCap, signingWindow } from './dispatch';
import { CaseEntity, FollowUpEntity, type Case } from './entities';
import type { Satisfaction } from './model';
import { moveCase, mutateCase } from './mutate';
import type { HotlineRuntime } from './runtime';
import { raiseOnce } from './supervision';
import { checkTransition } from './workflow';
import { optionalText } from './validate';

export type FollowUpInput = { reached: boolean; resolved?: boolean | null; satisfaction?: Satisfaction | null; note?: string | null };

/**
 * 回访 — records a follow-up call. Satisfied (or basically) closes the case. Dissatisfied reopens it
 * to the lead unit; dissatisfied again after a reopening reopens it under supervision (a trigger of
 * docs/domain.md). A caller not reached is a documented attempt; after the configured number of attempts
 * in this cycle the case closes as unreachable — keeping the rating the caller gave in an earlier
 * cycle (every rating stays in `followUps`). Closing a master gives each merged caller the master's
 * result and a follow-up of their own.
 */
export async function recordFollowUp(ctx: HotlineContext, args: { caseId: string; input: FollowUpInput; expectedVersion?: number | null }) {
  const { input } = args;
  const note = optionalText('input.note', input.note, 2000);
  if (!input.reached && !note) throw badInput('input.note', 'document the attempt to reach the caller (when, which number, what happened)');
  if (input.reached && !input.satisfaction) throw badInput('input.satisfaction', 'is required when the caller was reached');
  if (input.reached && input.resolved == null) throw badInput('input.resolved', 'is required when the caller was reached');
  if (!input.reached && (input.satisfaction || input.resolved != null)) throw badInput('input.satisfaction', 'a caller who was not reached gave no answer');
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, check, transition }) => {
    const settings = await ctx.runtime.settings();
    const action = !input.reached
      ? c.followUpAttempts + 1 >= settings.followUpAttemptsBeforeClose
        ? 'closeUnreachable'
        : 'followUpUnreached'
      : input.satisfaction === 'DISSATISFIED'
        ? 'reopen'
        : 'close';
    check(action);
    tx.create(FollowUpEntity, {
      id: randomUUID(),
      caseId: c.id,
      at: now,
      by: ctx.principal.sub,
      reached: input.reached,
      resolved: input.resolved ?? undefined,
      satisfaction: input.satisfaction ?? undefined,
      note,
    });
    c.followUpAttempts += 1;
    const data = { reached: input.reached, resolved: input.resolved ?? null, satisfaction: input.satisfaction ?? null };
    switch (action) {
      case 'followUpUnreached':
        await transition(action, { note, data });
        break;
      case 'closeUnreachable':
        // The caller's earlier answer (a reopened case's dissatisfaction) stands: not reaching them now changes nothing of it.
        c.closeReason = 'UNREACHABLE';
        await transition(action, { note, data });
        await closeMergedChildren(tx, ctx.runtime, ctx.principal, c, now);
        break;
      case 'close':
        c.followUpResolved = input.resolved ?? undefined;
        c.satisfaction = input.satisfaction ?? undefined;
        c.closeReason = 'FOLLOW_UP';
        await transition(action, { note, data });
        await closeMergedChildren(tx, ctx.runtime, ctx.principal, c, now);
        break;
      case 'reopen': {
        const underSupervision = c.reopenCount >= 1;
        c.satisfaction = 'DISSATISFIED';
        c.followUpResolved = input.resolved ?? undefined;
        c.reopenCount += 1;
        c.signedAt = undefined;
        c.repliedAt = undefined;
        c.dispatchedAt = now;
        const [calendar, profiles] = await Promise.all([ctx.runtime.calendar(), ctx.runtime.slaProfiles()]);
        const profile = c.slaProfile ? profiles.get(c.slaProfile) : undefined;
        if (profile) setDeadline(c, 'dueAt', startDeadline(calendar, now, profile, longCycleCap(c, settings)));
        // Reopened for the same unit: no objection, but a fresh window to sign in.
        setDeadline(c, 'returnDeadline', fixedDeadline(now));
        setDeadline(c, 'responseDueAt', signingWindow(calendar, settings, profile, now, c.dueAt));
        if (underSupervision) {
          await raiseOnce(tx, c, { kind: 'SUPERVISION', trigger: 'DISSATISFIED_AFTER_REOPEN', conditionKey: `reopen:${c.reopenCount}`, note: '回访不满意（已重办），转督办', by: ctx.principal.sub }, now);
        }
        await transition('reopen', { note, data: { ...data, reopenCount: c.reopenCount, supervision: underSupervision } });
        break;
      }
    }
    return c;
  });
}

/**
 * Merged children follow their master: when it closes, each gets the master's result and — a
 * caller with a number — a follow-up of their own (the master's caller being unreachable says
 * nothing of theirs); a caller without a number is closed with the master's result. Their units
 * become the master's, so a dissatisfied child reopens to the units that handled the matter.
 */
async function closeMergedChildren(tx: EntityManager, runtime: HotlineRuntime, actor: Principal, master: Case, now: Date): Promise<void> {
  const children = await tx.find(CaseEntity, { masterId: master.id, status: 'MERGED' });
  const settings = await runtime.settings();
  for (const child of children) {
    Object.assign(child, {
      replyResult: master.replyResult,
      replyText: master.replyText,
      repliedAt: master.repliedAt,
      leadUnitId: master.leadUnitId,
      coUnitIds: master.coUnitIds,
      assignedUnitIds: master.assignedUnitIds,
      slaProfile: master.slaProfile,
    } satisfies Partial<Case>);
    const callable = Boolean(child.callerPhone) && !child.callerAnonymous;
    const action = callable ? 'masterClosed' : 'masterClosedNoContact';
    const check = checkTransition(action, child, () => true, { now, settings, facts: {} });
    if (!check.ok) continue;
    if (!callable) child.closeReason = 'MASTER_CLOSED';
    await moveCase(tx, runtime, actor, child, action, check.to, now, { note: `主工单 ${master.number} 已办结`, data: { masterId: master.id }, masterNumber: master.number });
  }
}
