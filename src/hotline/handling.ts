import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../platform/db/orm';
import { badInput, notFound } from '../platform/graphql/errors';
import type { HotlineContext } from './context';
import { basisOf, extendDeadline, setDeadline, startDeadline } from './deadlines';
import { longCycleCap } from './dispatch';
import { CoUnitTaskEntity, ExtensionRequestEntity, type Case, type CoUnitTask } from './entities';
import type { ReplyResult } from './model';
import { mutateCase } from './mutate';
import { requiredText } from './validate';

type Versioned = { caseId: string; expectedVersion?: number | null };

/**
 * 签收 — the lead unit takes the case on: its signature is the unit's response (响应). A co-unit
 * calling it signs its own part (协办签收): recorded for the co-unit, the case's state unchanged, so
 * the lead unit signs for itself and the response rate counts the lead unit's signature only.
 */
export async function signCase(ctx: HotlineContext, args: Versioned) {
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, transition }) => {
    const unit = ctx.principal.unit;
    if (unit && unit !== c.leadUnitId && c.coUnitIds.includes(unit)) {
      const task = await coUnitTask(tx, c, unit);
      if (task.signedAt) return c;
      await transition('coSign', { facts: { actorUnit: unit }, data: { coUnitId: unit } });
      Object.assign(task, { signedAt: now, signedBy: ctx.principal.sub } satisfies Partial<CoUnitTask>);
      return c;
    }
    await transition('sign', { facts: { actorUnit: unit } });
    c.signedAt = now;
    return c;
  });
}

/** 协办意见 — a co-unit's opinion to the lead unit, which replies for the case. */
export async function submitCoUnitOpinion(ctx: HotlineContext, args: Versioned & { text: string }) {
  const text = requiredText('text', args.text, { min: 5, max: 4000 });
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, transition }) => {
    const unit = ctx.principal.unit;
    if (!unit || !c.coUnitIds.includes(unit)) throw badInput('caseId', 'only a co-unit of the case submits a co-unit opinion (协办意见)');
    const task = await coUnitTask(tx, c, unit);
    await transition('coOpinion', { note: text, facts: { actorUnit: unit }, data: { coUnitId: unit } });
    Object.assign(task, { opinion: text, opinionAt: now, opinionBy: ctx.principal.sub, signedAt: task.signedAt ?? now, signedBy: task.signedBy ?? ctx.principal.sub } satisfies Partial<CoUnitTask>);
    return c;
  });
}

async function coUnitTask(tx: EntityManager, c: Case, unitId: string): Promise<CoUnitTask> {
  return (await tx.findOne(CoUnitTaskEntity, { caseId: c.id, unitId })) ?? tx.create(CoUnitTaskEntity, { id: randomUUID(), caseId: c.id, unitId });
}

/**
 * 延期申请 — the lead unit asks for more time: at most `maxExtensionWorkingDays`, at most
 * `maxExtensions` times, and before the deadline (`extensionRequestMinHoursBeforeDue` ahead of it).
 */
export async function requestExtension(ctx: HotlineContext, args: Versioned & { workingDays: number; note: string }) {
  const note = requiredText('note', args.note, { min: 2, max: 2000 });
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, check, transition }) => {
    const pending = (await tx.count(ExtensionRequestEntity, { caseId: c.id, decision: null })) > 0;
    check('requestExtension', { pendingExtension: pending });
    const settings = await ctx.runtime.settings();
    if (!Number.isInteger(args.workingDays) || args.workingDays < 1 || args.workingDays > settings.maxExtensionWorkingDays) {
      throw badInput('workingDays', `must be between 1 and ${settings.maxExtensionWorkingDays} working days`);
    }
    tx.create(ExtensionRequestEntity, {
      id: randomUUID(),
      caseId: c.id,
      unitId: c.leadUnitId!,
      workingDays: args.workingDays,
      note,
      requestedAt: now,
      requestedBy: ctx.principal.sub,
    });
    await transition('requestExtension', { note, data: { workingDays: args.workingDays }, facts: { pendingExtension: pending } });
    return c;
  });
}

/**
 * The dispatcher approves (the deadline moves by exactly the working days asked, counted after the
 * day it ended on) or refuses an extension. An approval comes before the deadline: once it has
 * passed, the case is overdue and an extension would erase that.
 */
export async function reviewExtension(ctx: HotlineContext, args: Versioned & { approve: boolean; note?: string | null }) {
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, check, transition }) => {
    const request = await tx.findOne(ExtensionRequestEntity, { caseId: c.id, decision: null }, { orderBy: { requestedAt: 'desc' } });
    check('reviewExtension', { pendingExtension: Boolean(request), approve: args.approve });
    if (!request) throw notFound('the pending extension request');
    request.decision = args.approve ? 'APPROVED' : 'REJECTED';
    request.reviewedAt = now;
    request.reviewedBy = ctx.principal.sub;
    request.previousDueAt = c.dueAt;
    const basis = basisOf(c, 'dueAt');
    if (args.approve && basis) {
      const calendar = await ctx.runtime.calendar();
      setDeadline(c, 'dueAt', extendDeadline(calendar, basis, { unit: 'WORKING_DAYS', amount: request.workingDays }));
      c.extensionCount += 1;
      request.newDueAt = c.dueAt;
    }
    await transition('reviewExtension', {
      note: args.note?.trim() || undefined,
      data: { approved: args.approve, workingDays: request.workingDays, dueAt: c.dueAt?.toISOString() },
      facts: { pendingExtension: true, approve: args.approve },
    });
    return c;
  });
}

/** 答复 — the lead unit replies with a result code and text (a reply after the deadline is counted late). */
export async function replyCase(ctx: HotlineContext, args: Versioned & { input: { result: ReplyResult; text: string } }) {
  const text = requiredText('input.text', args.input.text, { min: 5, max: 4000 });
  return mutateCase(ctx, args.caseId, args, async ({ c, now, transition }) => {
    c.repliedAt = now;
    c.replyResult = args.input.result;
    c.replyText = text;
    await transition('reply', { data: { result: args.input.result } });
    return c;
  });
}

/**
 * 审核 — the hotline accepts the reply (on to follow-up, due within the follow-up stage limit) or
 * sends it back (发回重办) with a fresh time limit; repeated send-backs feed the escalation trigger.
 */
export async function reviewReply(ctx: HotlineContext, args: Versioned & { accept: boolean; note?: string | null }) {
  return mutateCase(ctx, args.caseId, args, async ({ c, now, check, transition }) => {
    const note = args.note?.trim() || undefined;
    if (!args.accept && !note) throw badInput('note', 'say why the reply is sent back');
    check(args.accept ? 'acceptReply' : 'sendBack');
    if (args.accept) {
      await transition('acceptReply', { note });
    } else {
      c.sendBackCount += 1;
      const [calendar, settings, profiles] = await Promise.all([ctx.runtime.calendar(), ctx.runtime.settings(), ctx.runtime.slaProfiles()]);
      const profile = c.slaProfile ? profiles.get(c.slaProfile) : undefined;
      if (profile) setDeadline(c, 'dueAt', startDeadline(calendar, now, profile, longCycleCap(c, settings)));
      await transition('sendBack', { note, data: { sendBackCount: c.sendBackCount } });
    }
    return c;
  });
}
