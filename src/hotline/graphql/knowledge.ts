import { toGlobalId } from '../../platform/graphql/ids';
import { saveKnowledgeItem, searchKnowledge, type KnowledgeHit } from '../knowledge';
import { builder } from './builder';
import { CategoryRef, UnitRef } from './unit';

export const KnowledgeItemRef = builder.objectRef<KnowledgeHit>('KnowledgeItem').implement({
  description: '知识库 — an answer kept current by the unit that owns it.',
  fields: (t) => ({
    id: t.id({ resolve: (h) => toGlobalId('KnowledgeItem', h.item.id) }),
    title: t.string({ resolve: (h) => h.item.title }),
    body: t.string({ resolve: (h) => h.item.body }),
    category: t.field({ type: CategoryRef, nullable: true, resolve: (h, _a, ctx) => (h.item.categoryCode ? ctx.loaders.categoryByCode.load(h.item.categoryCode) : null) }),
    ownerUnit: t.field({ type: UnitRef, nullable: true, resolve: (h, _a, ctx) => ctx.loaders.unitById.load(h.item.ownerUnitId) }),
    validFrom: t.field({ type: 'DateTime', resolve: (h) => h.item.validFrom }),
    validTo: t.field({ type: 'DateTime', nullable: true, resolve: (h) => h.item.validTo ?? null }),
    reviewBy: t.field({ type: 'DateTime', nullable: true, resolve: (h) => h.item.reviewBy ?? null }),
    stale: t.boolean({ description: 'Past its review date: check it before reading it to a caller.', resolve: (h) => h.stale }),
    score: t.float({ description: 'Relevance to the search text.', resolve: (h) => h.score }),
  }),
});

builder.queryFields((t) => ({
  searchKnowledge: t.field({
    type: [KnowledgeItemRef],
    description: 'Knowledge items in force, ranked by the words they share with the text (Chinese segmentation).',
    args: { text: t.arg.string({ required: true }), first: t.arg.int({ required: false, defaultValue: 10 }) },
    resolve: (_root, args, ctx) => searchKnowledge(ctx, args.text, args.first ?? 10),
  }),
}));


const KnowledgeItemInput = builder.inputType('KnowledgeItemInput', {
  fields: (t) => ({
    id: t.id({ required: false, description: 'An existing item to change; none creates one.' }),
    title: t.string({ required: true }),
    body: t.string({ required: true }),
    categoryCode: t.string({ required: false }),
    ownerUnitId: t.id({ required: false, description: "Dispatchers choose the owner; a handler's items belong to its unit." }),
    validFrom: t.field({ type: 'DateTime', required: false }),
    validTo: t.field({ type: 'DateTime', required: false }),
    reviewBy: t.field({ type: 'DateTime', required: false, description: 'When the owner must check it again (default: in 180 days).' }),
  }),
});

builder.mutationFields((t) => ({
  saveKnowledgeItem: t.field({
    type: KnowledgeItemRef,
    description: 'Create or update a knowledge item: the owning unit keeps it current.',
    args: { input: t.arg({ type: KnowledgeItemInput, required: true }) },
    resolve: (_root, { input }, ctx) => saveKnowledgeItem(ctx, input),
  }),
}));
