import type { GraphQLSchema } from 'graphql';
import { rowFilter } from '../../policies';
import { createBuilder } from '../../src/platform/graphql/builder';
import { badInput } from '../../src/platform/graphql/errors';
import { pageSize } from '../../src/platform/graphql/pagination';
import { caseIdOf } from '../kit/case-ref';
import type { UtilitiesContext } from './context';
import { FaultOrderCaseEntity, FaultOrderEntity, ORDER_STATUSES, OUTAGE_KINDS, OutageEntity, UTILITIES, type FaultOrder, type Outage } from './entities';
import { outageAnswer } from './case-events';

const builder = createBuilder<UtilitiesContext>({ nodeQuery: false });

const UtilityEnum = builder.enumType('Utility', { values: UTILITIES.map((u) => u.toUpperCase()) as ['WATER', 'POWER', 'GAS', 'HEATING'] });
const OutageKindEnum = builder.enumType('OutageKind', { values: OUTAGE_KINDS });
const FaultOrderStatusEnum = builder.enumType('FaultOrderStatus', { values: ORDER_STATUSES });

const OutageRef = builder.objectRef<Outage>('Outage').implement({
  description: 'A planned or current outage a utility published (停水停电停气停暖): an operator answers callers from it at once.',
  fields: (t) => ({
    id: t.exposeID('id'),
    utility: t.field({ type: UtilityEnum, resolve: (o) => o.utility.toUpperCase() as 'WATER' }),
    kind: t.expose('kind', { type: OutageKindEnum }),
    externalRef: t.exposeString('externalRef', { description: "The utility's outage number." }),
    region: t.exposeString('region'),
    townships: t.exposeStringList('townships', { description: 'Townships or streets affected; empty = the whole district.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true }),
    reason: t.exposeString('reason'),
    answer: t.string({ description: 'What to tell the caller.', resolve: (o) => outageAnswer(o.utility, o) }),
  }),
});

const FaultOrderRef = builder.objectRef<FaultOrder>('FaultOrder').implement({
  description: "A fault order in a utility's repair system (故障工单). Calls about one fault in one place are its children.",
  fields: (t) => ({
    id: t.exposeID('id'),
    utility: t.field({ type: UtilityEnum, resolve: (o) => o.utility.toUpperCase() as 'WATER' }),
    externalRef: t.exposeString('externalRef', { nullable: true, description: "The utility's own order number, once it answered." }),
    status: t.expose('status', { type: FaultOrderStatusEnum }),
    region: t.exposeString('region'),
    township: t.exposeString('township', { nullable: true }),
    childCount: t.exposeInt('childCount', { description: 'Calls (cases) attached to this order.' }),
    childCaseNumbers: t.stringList({
      description: 'The case numbers of the calls attached to this order, in order of arrival.',
      resolve: async (o, _args, ctx) => (await ctx.em.find(FaultOrderCaseEntity, { orderId: o.id }, { orderBy: { attachedAt: 'asc', caseNumber: 'asc' } })).map((c) => c.caseNumber),
    }),
    outage: t.field({ type: OutageRef, nullable: true, resolve: (o, _args, ctx) => (o.outageId ? ctx.loaders.outageById.load(o.outageId) : null) }),
    promisedArrivalAt: t.expose('promisedArrivalAt', { type: 'DateTime', nullable: true }),
    arrivedAt: t.expose('arrivedAt', { type: 'DateTime', nullable: true }),
    restoredAt: t.expose('restoredAt', { type: 'DateTime', nullable: true }),
    reply: t.exposeString('reply', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.externalRef('Case', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    utilityOrder: t.field({
      type: FaultOrderRef,
      nullable: true,
      description: "The utility fault order this call is attached to (its parent order, or the known outage's).",
      resolve: (ref, _args, ctx) => {
        const id = caseIdOf(ref);
        return id ? ctx.loaders.orderByCaseId.load(id) : null;
      },
    }),
  }),
});

builder.queryType({
  fields: (t) => ({
    outages: t.field({
      type: [OutageRef],
      description: 'Outages in force at `at` (default: now) in a region (district, city or province code), newest first.',
      args: { region: t.arg.string({ required: true }), at: t.arg({ type: 'DateTime', required: false }), utility: t.arg({ type: UtilityEnum, required: false }) },
      resolve: async (_root, args, ctx) => {
        if (!/^\d{6}$/.test(args.region)) throw badInput('region', 'must be a six-digit region code');
        const visible = rowFilter(ctx.ability, 'read', 'Outage');
        if (!visible) return [];
        const at = args.at ?? ctx.clock.now();
        return ctx.em.find(
          OutageEntity,
          {
            $and: [
              visible,
              { regionPath: { $contains: [args.region] }, cancelled: false, startsAt: { $lte: at }, $or: [{ endsAt: null }, { endsAt: { $gte: at } }] },
              ...(args.utility ? [{ utility: args.utility.toLowerCase() as Outage['utility'] }] : []),
            ],
          },
          { orderBy: { startsAt: 'desc' }, limit: 100 },
        );
      },
    }),
    faultOrders: t.field({
      type: [FaultOrderRef],
      description: 'Open fault orders the principal may see (a utility sees its own), newest first.',
      args: { first: t.arg.int({ required: false, defaultValue: 20 }) },
      resolve: async (_root, args, ctx) => {
        const first = pageSize(args.first);
        const visible = rowFilter(ctx.ability, 'read', 'PartnerMatter');
        if (!visible) return [];
        return ctx.em.find(FaultOrderEntity, { $and: [visible, { status: { $nin: ['REPLIED', 'REJECTED'] } }] }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first });
      },
    }),
  }),
});

let schema: GraphQLSchema | undefined;

export function utilitiesSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}
