import { randomUUID } from 'node:crypto';
import { asSubject } from '../../policies';
import { badInput, forbidden, notFound } from '../platform/graphql/errors';
import { localIdOf } from '../platform/graphql/ids';
import { decodeCursor, encodeCursor, toPage, type Page } from '../platform/graphql/pagination';
import type { HotlineContext } from './context';
import { MissedCallEntity, RegionEntity, type MissedCall } from './entities';
import type { MissedCallStatus } from './model';
import { optionalText, phoneNumber, regionCode, requiredText } from './validate';

const MAX_CALLBACK_ATTEMPTS = 3;

/** 漏接来电 — the switchboard (or an operator) records a call nobody answered; it waits for a callback. */
export async function recordMissedCall(ctx: HotlineContext, input: { phone: string; calledAt: Date; line: string; region: string }): Promise<MissedCall> {
  if (!ctx.ability.can('create', 'Case')) throw forbidden('your role may not record missed calls');
  const phone = phoneNumber('input.phone', input.phone);
  if (!phone) throw badInput('input.phone', 'is required');
  regionCode('input.region', input.region);
  const region = await ctx.em.findOne(RegionEntity, { code: input.region });
  if (!region) throw badInput('input.region', `${input.region} is not a region of this platform`);
  if (input.calledAt.getTime() > ctx.clock.now().getTime() + 60_000) throw badInput('input.calledAt', 'is in the future');
  const call = ctx.em.create(MissedCallEntity, {
    id: randomUUID(),
    phone,
    phoneHash: ctx.runtime.pii.phone(phone),
    calledAt: input.calledAt,
    line: requiredText('input.line', input.line, { max: 32 }),
    regionCode: input.region,
    vendor: ctx.principal.vendor,
    status: 'PENDING',
    attempts: 0,
  });
  await ctx.em.flush();
  return call;
}

/** The callback queue: pending first-come-first-served, in the principal's region (and vendor). */
export async function listMissedCalls(ctx: HotlineContext, status: MissedCallStatus, first: number, after?: string | null): Promise<Page<MissedCall>> {
  if (!ctx.ability.can('read', 'MissedCall')) throw forbidden('the callback queue is not available to your role');
  const where: Record<string, unknown>[] = [{ status }];
  if (ctx.principal.region) where.push({ regionCode: { $like: `${ctx.principal.region.replace(/0{2,4}$/, '')}%` } });
  if (ctx.principal.vendor) where.push({ vendor: ctx.principal.vendor });
  if (after) {
    const [calledAt, id] = decodeCursor(after);
    where.push({ $or: [{ calledAt: { $gt: new Date(calledAt) } }, { calledAt: new Date(calledAt), id: { $gt: id } }] });
  }
  const rows = await ctx.em.find(MissedCallEntity, { $and: where }, { orderBy: { calledAt: 'asc', id: 'asc' }, limit: first + 1 });
  return toPage(rows, first, (r) => encodeCursor(r.calledAt.toISOString(), r.id), Boolean(after));
}

/**
 * A callback attempt that did not become a case (reaching the caller and registering the call goes
 * through registerCase with `missedCallId`). After three unanswered attempts the call is closed as
 * unreachable.
 */
export async function recordCallbackAttempt(ctx: HotlineContext, args: { id: string; reached: boolean; note?: string | null }): Promise<MissedCall> {
  const call = await ctx.em.findOne(MissedCallEntity, { id: localIdOf('MissedCall', args.id, 'id') });
  if (!call || !ctx.ability.can('read', 'MissedCall')) throw notFound('missed call');
  if (!ctx.ability.can('callback', asSubject('MissedCall', call))) throw forbidden('your role may not call back this caller');
  if (call.status !== 'PENDING') throw badInput('id', 'this missed call was already handled');
  call.attempts += 1;
  call.lastAttemptAt = ctx.clock.now();
  call.calledBackBy = ctx.principal.sub;
  call.note = optionalText('note', args.note, 500);
  if (args.reached) call.status = 'CALLED_BACK';
  else if (call.attempts >= MAX_CALLBACK_ATTEMPTS) call.status = 'UNREACHABLE';
  await ctx.em.flush();
  return call;
}
