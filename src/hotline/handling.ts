import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../platform/graphql/errors';
import type { HotlineContext } from './context';
import { basisOf, extendDeadline, setDeadline, startDeadline } from './deadlines';
import { longCycleCap } from './dispatch';
import { ExtensionRequestEntity } from './entities';
import type { ReplyResult } from './model';
import { mutateCase } from './mutate';
import { requiredText } from './validate';

type Versioned = { caseId: string; expectedVersion?: number | null };

/** 签收 — the unit takes the case on. */
export async function signCase(ctx: HotlineContext, args: Versioned) {
  return mutateCase(ctx, args.caseId, args, async ({ c, now, transition }) => {
    await transition('sign');
    c.signedAt = now;
    return c;
  });
}

/** 延期申请 — the lead unit asks for more time: at most `maxExtensionWorkingDays`, at most `maxExtensions` times. */
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

/** The dispatcher approves (the deadline moves by the working days asked) or refuses an extension. */
export async function reviewExtension(ctx: HotlineContext, args: Versioned & { approve: boolean; note?: string | null }) {
  return mutateCase(ctx, args.caseId, args, async ({ tx, c, now, check, transition }) => {
    const request = await tx.findOne(ExtensionRequestEntity, { caseId: c.id, decision: null }, { orderBy: { requestedAt: 'desc' } });
    check('reviewExtension', { pendingExtension: Boolean(request) });
    if (!request) throw notFound('the pending extension request');
    request.decision = args.approve ? 'APPROVED' : 'REJECTED';
    request.reviewedAt = now;
    request.reviewedBy = ctx.principal.sub;
    request.previousDueAt = c.dueAt;
    const basis = basisOf(c, 'dueAt');
    if (args.approve && basis) {
      const calendar = await ctx.runtime.calendar();
      // N working days more are N: counted after the day the current deadline ends.
      setDeadline(c, 'dueAt', extendDeadline(calendar, basis, { unit: 'WORKING_DAYS', amount: request.workingDays }));
      c.extensionCount += 1;
      request.newDueAt = c.dueAt;
    }
    await transition('reviewExtension', {
      note: args.note?.trim() || undefined,
      data: { approved: args.approve, workingDays: request.workingDays, dueAt: c.dueAt?.toISOString() },
      facts: { pendingExtension: true },
    });
    return c;
  });
}

/** 答复 — the lead unit replies with a result code and text. */
export async function replyCase(ctx: HotlineContext, args: Versioned & { input: { result: ReplyResult; text: string } }) {
  const text = requiredText('input.text', args.input.text, { min: 5, max: 4000 });
  return mutateCase(ctx, args.caseId, args, async ({ c, now, transition }) => {
    await transition('reply', { data: { result: args.input.result } });
    c.repliedAt = now;
    c.replyResult = args.input.result;
    c.replyText = text;
    return c;
  });
}

/**
 * 审核 — the hotline accepts the reply (on to follow-up, due the next working day) or sends it back
 * (发回重办) with a fresh time limit; repeated send-backs feed the escalation trigger.
 */
export async function reviewReply(ctx: HotlineContext, args: Versioned & { accept: boolean; note?: string | null }) {
  return mutateCase(ctx, args.caseId, args, async ({ c, now, check, transition }) => {
    const note = args.note?.trim() || undefined;
    if (!args.accept && !note) throw badInput('note', 'say why the reply is sent back');
    check(args.accept ? 'acceptReply' : 'sendBack');
    const [calendar, settings] = await Promise.all([ctx.runtime.calendar(), ctx.runtime.settings()]);
    if (args.accept) {
      setDeadline(c, 'followUpDueAt', startDeadline(calendar, now, { unit: 'WORKING_DAYS', amount: settings.followUpDueWorkingDays }));
      await transition('acceptReply', { note });
    } else {
      c.sendBackCount += 1;
      const profile = c.slaProfile ? (await ctx.runtime.slaProfiles()).get(c.slaProfile) : undefined;
      if (profile) setDeadline(c, 'dueAt', startDeadline(calendar, now, profile, longCycleCap(c, settings)));
      await transition('sendBack', { note, data: { sendBackCount: c.sendBackCount } });
    }
    return c;
  });
}
