import { pageSize } from '../../platform/graphql/pagination';
import type { MissedCall } from '../entities';
import { listMissedCalls, recordCallbackAttempt, recordMissedCall } from '../missed-calls';
import { builder } from './builder';
import { CaseRef } from './case';
import { MissedCallStatusEnum } from './enums';

export const MissedCallRef = builder.objectRef<MissedCall>('MissedCall');
builder.node(MissedCallRef, {
  description: '漏接来电 — a call nobody answered, waiting for a callback.',
  id: { resolve: (m) => m.id },
  fields: (t) => ({
    phone: t.exposeString('phone', { nullable: true }),
    calledAt: t.expose('calledAt', { type: 'DateTime' }),
    line: t.exposeString('line'),
    region: t.exposeString('regionCode'),
    status: t.expose('status', { type: MissedCallStatusEnum }),
    attempts: t.exposeInt('attempts'),
    lastAttemptAt: t.expose('lastAttemptAt', { type: 'DateTime', nullable: true }),
    case: t.field({ type: CaseRef, nullable: true, resolve: (m, _a, ctx) => (m.caseId ? ctx.loaders.caseById.load(m.caseId) : null) }),
  }),
});

const MissedCallConnection = builder.connectionObject({ type: MissedCallRef, name: 'MissedCallConnection' }, { name: 'MissedCallEdge' });

const MissedCallInput = builder.inputType('MissedCallInput', {
  fields: (t) => ({
    phone: t.string({ required: true }),
    calledAt: t.field({ type: 'DateTime', required: true }),
    line: t.string({ required: true, description: 'The line or queue the call came in on (e.g. 12345, enterprise desk).' }),
    region: t.string({ required: true }),
  }),
});

builder.queryFields((t) => ({
  missedCalls: t.field({
    type: MissedCallConnection,
    description: 'The callback queue, oldest first.',
    args: {
      status: t.arg({ type: MissedCallStatusEnum, required: false, defaultValue: 'PENDING' }),
      first: t.arg.int({ required: false, defaultValue: 20 }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, ctx) => listMissedCalls(ctx, args.status ?? 'PENDING', pageSize(args.first), args.after),
  }),
}));

builder.mutationFields((t) => ({
  recordMissedCall: t.field({
    type: MissedCallRef,
    args: { input: t.arg({ type: MissedCallInput, required: true }) },
    resolve: (_root, { input }, ctx) => recordMissedCall(ctx, input),
  }),
  recordCallbackAttempt: t.field({
    type: MissedCallRef,
    description: 'A callback that did not become a case; reached callers are registered with registerCase(missedCallId).',
    args: { id: t.arg.id({ required: true }), reached: t.arg.boolean({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => recordCallbackAttempt(ctx, args),
  }),
}));
