import { badInput, forbidden } from '../../../src/platform/graphql/errors';
import { pageSize, toPage } from '../../../src/platform/graphql/pagination';
import type { ExchangeLogRecord } from '../../kit/entities';
import { builder } from './builder';

/** The exchange log for auditors (X-Road's message log): every message in or out, hash-chained. */
const ExchangeLogRecordRef = builder.objectRef<ExchangeLogRecord>('ExchangeLogRecord').implement({
  description: 'One message in or out of the hub: its signature and payload hash (not the payload), partner, direction, case number, principal and outcome.',
  fields: (t) => ({
    seq: t.exposeString('seq'),
    at: t.expose('at', { type: 'DateTime' }),
    partner: t.exposeString('partner'),
    direction: t.exposeString('direction', { description: 'IN or OUT' }),
    messageId: t.exposeString('messageId', { description: 'The webhook-id (idempotency key)' }),
    type: t.exposeString('type'),
    caseNumber: t.exposeString('caseNumber', { nullable: true }),
    principalId: t.exposeString('principalId'),
    signature: t.exposeString('signature', { nullable: true }),
    payloadHash: t.exposeString('payloadHash'),
    outcome: t.exposeString('outcome', { description: 'DELIVERED, FAILED, DEAD_LETTERED, NOT_PUSHED, ACCEPTED, DUPLICATE, CONFLICT, REFUSED_<reason>' }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true }),
    detail: t.exposeString('detail', { nullable: true }),
    prevHash: t.exposeString('prevHash'),
    hash: t.exposeString('hash'),
  }),
});

const ExchangeLogFilterInput = builder.inputType('ExchangeLogFilter', {
  fields: (t) => ({
    partner: t.string({ required: false }),
    direction: t.string({ required: false }),
    caseNumber: t.string({ required: false }),
    messageId: t.string({ required: false }),
    outcome: t.string({ required: false }),
    from: t.field({ type: 'DateTime', required: false }),
    to: t.field({ type: 'DateTime', required: false }),
  }),
});

const ExchangeLogEdge = builder.objectRef<{ cursor: string; node: ExchangeLogRecord }>('ExchangeLogEdge').implement({
  fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: ExchangeLogRecordRef, resolve: (e) => e.node }) }),
});
const ExchangeLogPageInfo = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('ExchangeLogPageInfo').implement({
  fields: (t) => ({ hasNextPage: t.exposeBoolean('hasNextPage'), endCursor: t.exposeString('endCursor', { nullable: true }) }),
});
const ExchangeLogConnection = builder.objectRef<{ edges: { cursor: string; node: ExchangeLogRecord }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>('ExchangeLogConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [ExchangeLogEdge], resolve: (c) => c.edges }),
    pageInfo: t.field({ type: ExchangeLogPageInfo, resolve: (c) => c.pageInfo }),
  }),
});

const ExchangeLogReportRef = builder.objectRef<{ ok: boolean; checked: number; firstBrokenSeq?: string }>('ExchangeLogReport').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    checked: t.exposeInt('checked'),
    firstBrokenSeq: t.exposeString('firstBrokenSeq', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  exchangeLog: t.field({
    type: ExchangeLogConnection,
    description: 'Auditors: messages exchanged with partners, newest first.',
    args: { filter: t.arg({ type: ExchangeLogFilterInput, required: false }), first: t.arg.int({ required: false, defaultValue: 20 }), after: t.arg.string({ required: false }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.ability.can('read', 'ExchangeRecord')) throw forbidden('only auditors read the exchange log');
      const first = pageSize(args.first);
      if (args.after && !/^\d{1,18}$/.test(args.after)) throw badInput('after', 'is not a cursor returned by this API');
      const f = args.filter ?? {};
      const rows = await ctx.kit.queryLog(
        {
          partner: f.partner ?? undefined,
          direction: f.direction === 'IN' || f.direction === 'OUT' ? f.direction : undefined,
          caseNumber: f.caseNumber ?? undefined,
          messageId: f.messageId ?? undefined,
          outcome: f.outcome ?? undefined,
          from: f.from ?? undefined,
          to: f.to ?? undefined,
          beforeSeq: args.after ?? undefined,
        },
        first + 1,
        ctx.em,
      );
      const page = toPage(rows, first, (r) => r.seq, Boolean(args.after));
      return { edges: page.edges, pageInfo: { hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor } };
    },
  }),
  verifyExchangeLog: t.field({
    type: ExchangeLogReportRef,
    description: 'Auditors: recomputes the exchange log chain; ok=false names the first record that does not link.',
    resolve: async (_root, _args, ctx) => {
      if (!ctx.ability.can('verify', 'ExchangeRecord')) throw forbidden('only auditors verify the exchange log');
      return ctx.kit.verifyLog(ctx.em);
    },
  }),
}));
