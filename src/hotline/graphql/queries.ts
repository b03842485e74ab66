import { forbidden } from '../../platform/graphql/errors';
import { localIdOf } from '../../platform/graphql/ids';
import { pageSize } from '../../platform/graphql/pagination';
import { duplicateCandidates } from '../merge';
import { findCaseByNumber, listCases, listCatalog, listUnits } from '../queries';
import { builder } from './builder';
import { CaseRef } from './case';
import { CaseStatusEnum, CaseTypeEnum } from './enums';
import { CatalogEntryRef, CategoryRef, UnitRef } from './unit';
import { CategoryEntity } from '../entities';

const CaseFilterInput = builder.inputType('CaseFilter', {
  fields: (t) => ({
    status: t.field({ type: [CaseStatusEnum], required: false }),
    region: t.string({ required: false, description: 'Six-digit region code: the region and everything below it.' }),
    type: t.field({ type: [CaseTypeEnum], required: false }),
    unitId: t.id({ required: false, description: 'Cases assigned to this unit (lead or co-unit).' }),
    categoryCode: t.string({ required: false, description: 'A category code; its children are included.' }),
    from: t.field({ type: 'DateTime', required: false }),
    to: t.field({ type: 'DateTime', required: false }),
    text: t.string({ required: false, description: 'Words in the title, or an exact case number.' }),
  }),
});

const DuplicateCandidateRef = builder
  .objectRef<Awaited<ReturnType<typeof duplicateCandidates>>[number]>('DuplicateCandidate')
  .implement({
    description: 'A case that may be about the same matter (并单 candidate).',
    fields: (t) => ({
      case: t.field({ type: CaseRef, resolve: (d) => d.case }),
      score: t.exposeFloat('score', { description: '0–1: shared words (60 %), same township (20 %), closeness in time (20 %).' }),
      reasons: t.exposeStringList('reasons'),
    }),
  });

const CaseConnection = builder.connectionObject({ type: CaseRef, name: 'CaseConnection' }, { name: 'CaseEdge' });

builder.queryType({
  fields: (t) => ({
    case: t.field({
      type: CaseRef,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => ctx.loaders.caseById.load(localIdOf('Case', id, 'id')),
    }),
    caseByNumber: t.field({
      type: CaseRef,
      nullable: true,
      args: { number: t.arg.string({ required: true }) },
      resolve: (_root, { number }, ctx) => findCaseByNumber(ctx.em, ctx.ability, number),
    }),
    cases: t.field({
      type: CaseConnection,
      description: 'Cases the principal may see, newest first (Relay; first ≤ 100).',
      args: {
        filter: t.arg({ type: CaseFilterInput, required: false }),
        first: t.arg.int({ required: false, defaultValue: 20 }),
        after: t.arg.string({ required: false }),
      },
      resolve: (_root, args, ctx) =>
        // A handler sees only its unit's cases: its page is that unit's, read from the unit's index.
        listCases(ctx.em, ctx.ability, args.filter ?? {}, pageSize(args.first), args.after, ctx.principal.role === 'HANDLER' ? ctx.principal.unit : undefined),
    }),
    duplicateCandidates: t.field({
      type: [DuplicateCandidateRef],
      description: 'Likely duplicates: same district and category within the window, similar words.',
      args: { caseId: t.arg.id({ required: true }), first: t.arg.int({ required: false, defaultValue: 10 }) },
      resolve: (_root, args, ctx) => duplicateCandidates(ctx, args.caseId, Math.min(Math.max(args.first ?? 10, 1), 50)),
    }),
    units: t.field({
      type: [UnitRef],
      args: { region: t.arg.string({ required: false }) },
      resolve: (_root, { region }, ctx) => listUnits(ctx.em, region),
    }),
    categories: t.field({
      type: [CategoryRef],
      resolve: (_root, _args, ctx) => ctx.em.find(CategoryEntity, {}, { orderBy: { code: 'asc' } }),
    }),
    dispatchCatalog: t.field({
      type: [CatalogEntryRef],
      description: 'Entries of the dispatch catalog in force now, for a region (and its ancestors) and category.',
      args: { region: t.arg.string({ required: false }), categoryCode: t.arg.string({ required: false }) },
      resolve: (_root, { region, categoryCode }, ctx) => {
        if (!ctx.ability.can('read', 'CatalogEntry')) throw forbidden('the dispatch catalog is not available to your role');
        return listCatalog(ctx.em, ctx.clock.now(), region, categoryCode);
      },
    }),
  }),
});
