import { AccessEventEntity, type AccessEventRow } from '../../platform/access-log/entities';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids';
import { pageSize } from '../../platform/graphql/pagination';
import { isUuid, listAccessEvents } from '../events';
import { ACCESS_LOG, authorizeLogRead, usedKeys } from '../watchers';
import { builder } from './builder';

export const AccessDecisionEnum = builder.enumType('AccessDecision', {
  description: 'What the policy decided for one field read: clear, masked, or refused.',
  values: ['ALLOWED', 'MASKED', 'DENIED'] as const,
});

const FieldAccessRef = builder.objectRef<AccessEventRow['fields'][number]>('FieldAccess').implement({
  description: 'One field of the record, by path (e.g. `caller.phone`), and the decision. Never the value.',
  fields: (t) => ({
    path: t.exposeString('path'),
    decision: t.expose('decision', { type: AccessDecisionEnum }),
  }),
});

export const AccessEventRef = builder.objectRef<AccessEventRow>('AccessEvent');
builder.node(AccessEventRef, {
  description:
    'One access event: which principal read which fields of one record in one request, with the decision per field. ' +
    'Append-only and hash-chained per writing subgraph (`chain`, `seq`, `prevHash`, `hash`).',
  id: { resolve: (e) => e.id },
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When the record was read (millisecond precision).' }),
    principalId: t.exposeString('principalId', { description: 'The `sub` of the verified token.' }),
    role: t.exposeString('role'),
    unit: t.exposeString('unit', { nullable: true, description: 'The principal\'s unit id, for unit staff.' }),
    region: t.exposeString('region', { nullable: true, description: 'The principal\'s region code.' }),
    vendor: t.exposeString('vendor', { nullable: true, description: 'The third-party operator\'s vendor.' }),
    partner: t.exposeString('partner', { nullable: true, description: 'The partner system or agency.' }),
    purpose: t.exposeString('purpose', { nullable: true, description: 'The purpose of use sent as X-Purpose; null when none was.' }),
    operation: t.exposeString('operation', { nullable: true, description: 'The GraphQL operation name, when the client sent one.' }),
    documentHash: t.exposeString('documentHash', { nullable: true, description: 'SHA-256 of the GraphQL document the subgraph executed.' }),
    subjectType: t.exposeString('subjectType', { description: '`Case`, or `AccessLog` for reads of this log.' }),
    subjectId: t.exposeString('subjectId', { description: 'The record\'s raw id (a case\'s uuid), or the access-log query read.' }),
    caseId: t.id({
      nullable: true,
      description: 'The Case\'s global id, when the record is a case (the id `filter.caseId` takes).',
      resolve: (e) => (e.subjectType === 'Case' ? toGlobalId('Case', e.subjectId) : null),
    }),
    fields: t.field({ type: [FieldAccessRef], resolve: (e) => e.fields }),
    requestId: t.exposeString('requestId', { description: 'Minted by the gateway; shared by the events of one request.' }),
    policyVersion: t.exposeString('policyVersion'),
    clientAddress: t.exposeString('clientAddress', { nullable: true }),
    chain: t.exposeString('chain', { description: 'The hash chain: the writing subgraph, or `<subgraph>.<n>` (up to 32 per subgraph, for concurrent requests).' }),
    seq: t.exposeString('seq', { description: 'Position in the chain (a 64-bit integer, as a string).' }),
    prevHash: t.exposeString('prevHash', { description: 'SHA-256 of the previous event of the chain.' }),
    hash: t.exposeString('hash', { description: 'SHA-256 of this event (`audit.event_digest`).' }),
  }),
});

builder.asEntity(AccessEventRef, {
  key: builder.selection<{ id: string }>('id'),
  // node(id:) on an access event (served by the hotline subgraph) lands here: auditors only, and
  // the lookup is itself recorded; anyone else reads null, as for any record outside their scope.
  resolveReference: async (ref, ctx) => {
    const id = fromGlobalId('AccessEvent', ref.id);
    const allowed = ctx.ability.can('read', 'AccessEvent');
    ctx.access.record(ACCESS_LOG, 'node', 'id', allowed ? 'ALLOWED' : 'DENIED');
    if (!allowed || !id || !isUuid(id)) return null;
    return ctx.em.findOne(AccessEventEntity, { id });
  },
});

const AccessEventFilterInput = builder.inputType('AccessEventFilter', {
  description: 'Every key narrows the list (they combine with AND). Periods are [from, to).',
  fields: (t) => ({
    principalId: t.string({ required: false }),
    unit: t.string({ required: false, description: 'A unit id: events of principals acting for that unit.' }),
    caseId: t.id({ required: false, description: 'A Case\'s global id: every read of that case.' }),
    field: t.string({ required: false, description: 'A field path, e.g. `caller.phone`: events that read it.' }),
    decision: t.field({
      type: AccessDecisionEnum,
      required: false,
      description: 'Events with a field decided so; with `field`, that field decided so.',
    }),
    purpose: t.string({ required: false }),
    from: t.field({ type: 'DateTime', required: false }),
    to: t.field({ type: 'DateTime', required: false }),
    role: t.string({ required: false }),
    subjectType: t.string({ required: false, description: '`Case`, or `AccessLog` for the auditors\' own reads.' }),
    requestId: t.string({ required: false, description: 'Every event of one request (its `x-request-id`).' }),
  }),
});

const AccessEventConnection = builder.connectionObject({ type: AccessEventRef, name: 'AccessEventConnection' }, { name: 'AccessEventEdge' });

builder.queryFields((t) => ({
  accessEvents: t.field({
    type: AccessEventConnection,
    description: 'Auditors: the access log, newest first (Relay; first ≤ 100). Each call is itself recorded.',
    args: {
      filter: t.arg({ type: AccessEventFilterInput, required: false }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, ctx) => {
      authorizeLogRead(ctx, 'read', 'accessEvents', usedKeys('filter.', args.filter));
      return listAccessEvents(ctx.em, args.filter ?? {}, pageSize(args.first, 50), args.after);
    },
  }),
}));
