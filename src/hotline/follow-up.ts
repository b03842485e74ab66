import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../platform/db/orm';
import { badInput } from '../platform/graphql/errors';
import type { HotlineContext } from './context';
import { fixedDeadline, setDeadline, startDeadline } from './deadlines';
import { longCycleCap } from './dispatch';
import { CaseEntity, FollowUpEntity, SupervisionEntity, type Case } from './entities';
import type { Satisfaction } from './model';
import { emitChange, mutateCase, recordHistory } from './mutate';
import { optionalText } from './validate';

export type FollowUpInput = { reached: boolean; resolved?: boolean | null; satisfaction?: Satisfaction | null; note?: string | null };

/**
 * 回访 — records a follow-up call. Satisfied (or basically) closes the case. Dissatisfied reopens it
 * to the lead unit; dissatisfied again after a reopening reopens it under supervision (a trigger of
 * docs/domain.md). A caller not reached is a documented attempt; after the configured number of
 * attempts the case closes as unreachable. Closing a master closes its merged children.
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
      case 'close':
        c.followUpResolved = input.resolved ?? undefined;
        c.satisfaction = input.satisfaction ?? undefined;
        c.closedAt = now;
        c.closeReason = action === 'close' ? 'FOLLOW_UP' : 'UNREACHABLE';
        await transition(action, { note, data });
        await closeMergedChildren(ctx, tx, c, now);
        break;
      case 'reopen': {
        const underSupervision = c.reopenCount >= 1;
        c.satisfaction = 'DISSATISFIED';
        c.followUpResolved = input.resolved ?? undefined;
        c.reopenCount += 1;
        c.signedAt = undefined;
        c.repliedAt = undefined;
        setDeadline(c, 'followUpDueAt', undefined);
        c.dispatchedAt = now;
        // Reopened for the same unit: no objection window, a fresh time limit.
        setDeadline(c, 'returnDeadline', fixedDeadline(now));
        const [calendar, profiles] = await Promise.all([ctx.runtime.calendar(), ctx.runtime.slaProfiles()]);
        const profile = c.slaProfile ? profiles.get(c.slaProfile) : undefined;
        if (profile) setDeadline(c, 'dueAt', startDeadline(calendar, now, profile, longCycleCap(c, settings)));
        if (underSupervision) {
          c.supervisionLevel = 'SUPERVISION';
          tx.create(SupervisionEntity, {
            id: randomUUID(),
            caseId: c.id,
            kind: 'SUPERVISION',
            trigger: 'DISSATISFIED_AFTER_REOPEN',
            cycle: c.reopenCount,
            note: '回访不满意（已重办），转督办',
            at: now,
            by: ctx.principal.sub,
          });
        }
        await transition('reopen', { note, data: { ...data, reopenCount: c.reopenCount, supervision: underSupervision } });
        break;
      }
    }
    return c;
  });
}

/** Merged children follow their master: when it closes, they close with its result. */
async function closeMergedChildren(ctx: HotlineContext, tx: EntityManager, master: Case, now: Date): Promise<void> {
  const children = await tx.find(CaseEntity, { masterId: master.id, closedAt: null });
  for (const child of children) {
    child.closedAt = now;
    child.closeReason = 'MASTER_CLOSED';
    child.replyResult = master.replyResult;
    child.replyText = master.replyText;
    child.repliedAt = master.repliedAt;
    child.updatedAt = now;
    recordHistory(tx, child, ctx.principal, 'masterClosed', child.status, child.status, now, `主工单 ${master.number} 已办结`);
    await emitChange(tx, child, 'masterClosed', child.status, now, { masterId: master.id });
  }
}
