import DataLoader from 'dataloader';
import type { GraphQLSchema } from 'graphql';
import { rowFilter, type AppAbility } from '../../policies';
import type { EntityManager } from '../../src/platform/db/orm';
import { createBuilder } from '../../src/platform/graphql/builder';
import { pageSize } from '../../src/platform/graphql/pagination';
import { caseIdOf } from '../kit/case-ref';
import type { SupervisionContext } from './context';
import { LEAD_KINDS, LEAD_PRIORITIES, LEAD_STATUSES, SupervisionLeadEntity, type SupervisionLead } from './entities';

const builder = createBuilder<SupervisionContext>({ nodeQuery: false });

const LeadKindEnum = builder.enumType('SupervisionLeadKind', { values: LEAD_KINDS });
const LeadPriorityEnum = builder.enumType('SupervisionLeadPriority', { values: LEAD_PRIORITIES });
const LeadStatusEnum = builder.enumType('SupervisionLeadStatus', { values: LEAD_STATUSES });

const LeadRef = builder.objectRef<SupervisionLead>('SupervisionLead').implement({
  description: 'A lead from the national Internet+Supervision platform (互联网+督查线索), registered as a case or linked to one.',
  fields: (t) => ({
    id: t.exposeID('id'),
    leadRef: t.exposeString('leadRef', { description: "The platform's reference." }),
    kind: t.expose('kind', { type: LeadKindEnum }),
    priority: t.expose('priority', { type: LeadPriorityEnum }),
    status: t.expose('status', { type: LeadStatusEnum }),
    linked: t.exposeBoolean('linked', { description: 'Linked to an open case about the same matter rather than registered as a new one.' }),
    caseNumber: t.exposeString('caseNumber', { nullable: true }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
    overdue: t.boolean({ resolve: (l, _args, ctx) => l.status !== 'CONCLUDED' && l.dueAt.getTime() < ctx.clock.now().getTime() }),
    supervisionRaisedAt: t.expose('overdueRaisedAt', { type: 'DateTime', nullable: true }),
    lastReportedStage: t.exposeString('lastReported', { nullable: true, description: 'The last stage reported to the platform (YSL, BLZ, YDF, YBJ).' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
  }),
});

builder.externalRef('Case', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    supervisionLeads: t.field({
      type: [LeadRef],
      description: 'The Internet+Supervision leads about this case, oldest first.',
      resolve: (ref, _args, ctx) => {
        const id = caseIdOf(ref);
        return id ? ctx.loaders.leadsByCaseId.load(id) : [];
      },
    }),
  }),
});

builder.queryType({
  fields: (t) => ({
    supervisionLeads: t.field({
      type: [LeadRef],
      description: 'Leads the principal may see (the supervision office: those shared with it), newest first.',
      args: { first: t.arg.int({ required: false, defaultValue: 20 }), overdue: t.arg.boolean({ required: false }) },
      resolve: async (_root, args, ctx) => {
        const first = pageSize(args.first);
        const visible = rowFilter(ctx.ability, 'read', 'PartnerMatter');
        if (!visible) return [];
        // true: only overdue leads; false: only leads that are not overdue (concluded, or due later); absent: all.
        const now = ctx.clock.now();
        const overdue =
          args.overdue === true
            ? [{ dueAt: { $lt: now }, status: { $ne: 'CONCLUDED' as const } }]
            : args.overdue === false
              ? [{ $or: [{ dueAt: { $gte: now } }, { status: 'CONCLUDED' as const }] }]
              : [];
        return ctx.em.find(SupervisionLeadEntity, { $and: [visible, { partner: 'supervision' }, ...overdue] }, { orderBy: { receivedAt: 'desc', id: 'desc' }, limit: first });
      },
    }),
  }),
});

export function createSupervisionLoaders(em: EntityManager, ability: AppAbility): SupervisionContext['loaders'] {
  const visible = rowFilter(ability, 'read', 'PartnerMatter');
  return {
    leadsByCaseId: new DataLoader(async (caseIds) => {
      if (!visible) return caseIds.map(() => []);
      const rows = await em.find(SupervisionLeadEntity, { $and: [{ caseId: { $in: [...caseIds] } }, visible] }, { orderBy: { receivedAt: 'asc', id: 'asc' } });
      return caseIds.map((id) => rows.filter((r) => r.caseId === id));
    }),
  };
}

let schema: GraphQLSchema | undefined;

export function supervisionSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}
