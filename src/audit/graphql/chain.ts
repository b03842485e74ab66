import { toGlobalId } from '../../platform/graphql/ids';
import { CHAIN_PROBLEMS, verifyChains, type ChainBreak, type ChainReport, type ChainStatus } from '../verify';
import { authorizeLogRead, usedKeys } from '../watchers';
import { builder } from './builder';

const AuditChainProblemEnum = builder.enumType('AuditChainProblem', {
  description:
    'DIGEST_MISMATCH: the event was changed. SEQ_GAP: events before it were deleted. LINK_MISMATCH: its link to the ' +
    'previous event is wrong. MISSING_PREDECESSOR: the event before the period is gone, with no purge anchor for it. ' +
    'HEAD_MISMATCH: the newest events of the chain are gone. MISSING_EVENTS: a chain has no events left.',
  values: CHAIN_PROBLEMS,
});

const AuditChainBreakRef = builder.objectRef<ChainBreak>('AuditChainBreak').implement({
  fields: (t) => ({
    chain: t.exposeString('chain'),
    seq: t.exposeString('seq'),
    eventId: t.id({ nullable: true, resolve: (b) => (b.eventId ? toGlobalId('AccessEvent', b.eventId) : null) }),
    at: t.expose('at', { type: 'DateTime', nullable: true }),
    problem: t.expose('problem', { type: AuditChainProblemEnum }),
  }),
});

const AuditChainStatusRef = builder.objectRef<ChainStatus>('AuditChainStatus').implement({
  description: 'One chain (one writing subgraph) over the checked period.',
  fields: (t) => ({
    chain: t.exposeString('chain'),
    checked: t.exposeInt('checked'),
    firstSeq: t.exposeString('firstSeq', { nullable: true }),
    lastSeq: t.exposeString('lastSeq', { nullable: true }),
    lastHash: t.exposeString('lastHash', {
      nullable: true,
      description: 'SHA-256 of the last checked event (the head at `lastSeq`): record it elsewhere, and a later verification shows the chain still leads through it.',
    }),
    ok: t.exposeBoolean('ok'),
  }),
});

const AuditChainReportRef = builder.objectRef<ChainReport>('AuditChainReport').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    checked: t.exposeInt('checked', { description: 'Events whose digest and link were checked.' }),
    firstBrokenId: t.id({
      nullable: true,
      description: 'The earliest broken event (by time, across chains): the AccessEvent id.',
      resolve: (r) => {
        const first = r.breaks.find((b) => b.eventId);
        return first?.eventId ? toGlobalId('AccessEvent', first.eventId) : null;
      },
    }),
    breaks: t.field({ type: [AuditChainBreakRef], description: 'Broken links, earliest first (at most 100).', resolve: (r) => r.breaks }),
    chains: t.field({ type: [AuditChainStatusRef], resolve: (r) => r.chains }),
  }),
});

builder.queryFields((t) => ({
  verifyAuditChain: t.field({
    type: AuditChainReportRef,
    description:
      'Auditors: recomputes every event\'s hash and checks every link of every chain for events in [from, to) — the whole ' +
      'log without them — anchoring the period\'s first event to its predecessor (or to the anchor a purge left).',
    args: { from: t.arg({ type: 'DateTime', required: false }), to: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, args, ctx) => {
      authorizeLogRead(ctx, 'verify', 'verifyAuditChain', usedKeys('', args));
      return verifyChains(ctx.em, args.from, args.to);
    },
  }),
}));
