import { asSubject, rowFilter } from '../../../policies';
import { badInput } from '../../../src/platform/graphql/errors';
import { fromGlobalId, toGlobalId } from '../../../src/platform/graphql/ids';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../../../src/platform/graphql/pagination';
import { TRANSFER_DIRECTIONS, TRANSFER_STATUSES } from '../../kit/model';
import { TransferEntity, type Transfer } from '../entities';
import { builder } from './builder';

const TransferDirectionEnum = builder.enumType('TransferDirection', { values: TRANSFER_DIRECTIONS });
const TransferStatusEnum = builder.enumType('TransferStatus', { values: TRANSFER_STATUSES });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The hotline's Case, extended here with its transfers. */
const CaseRef = builder.externalRef('Case', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    transfers: t.field({
      type: [TransferRef],
      description: 'Transfers of this case to and from partner systems, oldest first.',
      resolve: (ref, _args, ctx) => {
        const caseId = fromGlobalId('Case', ref.id);
        return caseId && UUID.test(caseId) ? ctx.loaders.transfersByCaseId.load(caseId) : [];
      },
    }),
  }),
});

export const TransferRef = builder.objectRef<Transfer>('Transfer');
builder.node(TransferRef, {
  description: 'A matter transferred between the hotline and a partner system (110, 119/120/122, utilities, petition, supervision).',
  id: { resolve: (t) => t.id },
  loadMany: (ids, ctx) => ids.map((id) => (UUID.test(id) ? ctx.loaders.transferById.load(id) : null)),
  fields: (t) => ({
    partner: t.exposeString('partner'),
    direction: t.expose('direction', { type: TransferDirectionEnum }),
    case: t.field({
      type: CaseRef,
      nullable: true,
      description: 'The case, when you may see it (null otherwise, as for a missing case).',
      // A reference only to a case the caller may read, decided here on the exchange's copy of the
      // case's scope: for any other the hotline answers null, and the gateway would then report the
      // case's required fields as missing — an internal error instead of the null a missing case gets.
      resolve: async (transfer, _args, ctx) => {
        if (!transfer.caseId) return null;
        const scope = await ctx.loaders.caseScopeById.load(transfer.caseId);
        return scope && ctx.ability.can('read', asSubject('Case', scope)) ? { id: toGlobalId('Case', transfer.caseId) } : null;
      },
    }),
    caseNumber: t.exposeString('caseNumber', { nullable: true }),
    externalRef: t.exposeString('externalRef', { nullable: true, description: "The partner's own reference (e.g. 110 incident number)." }),
    status: t.expose('status', { type: TransferStatusEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    feedback: t.exposeString('feedback', { nullable: true }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.asEntity(TransferRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => {
    const id = fromGlobalId('Transfer', ref.id);
    return id && UUID.test(id) ? ctx.loaders.transferById.load(id) : null;
  },
});

const TransferFilterInput = builder.inputType('TransferFilter', {
  fields: (t) => ({
    partner: t.string({ required: false }),
    direction: t.field({ type: TransferDirectionEnum, required: false }),
    status: t.field({ type: [TransferStatusEnum], required: false }),
    caseNumber: t.string({ required: false }),
  }),
});

const TransferConnection = builder.connectionObject({ type: TransferRef, name: 'TransferConnection' }, { name: 'TransferEdge' });

builder.queryType({
  fields: (t) => ({
    transfers: t.field({
      type: TransferConnection,
      description: 'Transfers the principal may see, newest first. A partner system sees only its own.',
      args: {
        filter: t.arg({ type: TransferFilterInput, required: false }),
        first: t.arg.int({ required: false, defaultValue: 20 }),
        after: t.arg.string({ required: false }),
      },
      resolve: async (_root, args, ctx) => {
        const first = pageSize(args.first);
        const visible = rowFilter(ctx.ability, 'read', 'Transfer');
        if (!visible) return toPage<Transfer>([], first, () => '', Boolean(args.after));
        const where: Record<string, unknown>[] = [visible];
        const filter = args.filter ?? {};
        if (filter.partner) where.push({ partner: filter.partner });
        if (filter.direction) where.push({ direction: filter.direction });
        if (filter.status?.length) where.push({ status: { $in: filter.status } });
        if (filter.caseNumber) where.push({ caseNumber: filter.caseNumber });
        if (args.after) {
          const [createdAt, id] = decodeCursor(args.after);
          const at = new Date(createdAt);
          if (Number.isNaN(at.getTime()) || !UUID.test(id)) throw badInput('after', 'is not a cursor returned by this API');
          where.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] });
        }
        const rows = await ctx.em.find(TransferEntity, { $and: where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 });
        return toPage(rows, first, (row) => encodeCursor(row.createdAt.toISOString(), row.id), Boolean(args.after));
      },
    }),
  }),
});
