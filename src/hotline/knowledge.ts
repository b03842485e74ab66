import { randomUUID } from 'node:crypto';
import { asSubject } from '../../policies';
import { badInput, forbidden, notFound } from '../platform/graphql/errors';
import { fromGlobalId } from '../platform/graphql/ids';
import type { HotlineContext } from './context';
import { CategoryEntity, KnowledgeItemEntity, UnitEntity, type KnowledgeItem } from './entities';
import { isUuid } from './loaders';
import { segmentForSearch, tokenize } from './text';
import { requiredText } from './validate';

export type KnowledgeHit = { item: KnowledgeItem; score: number; stale: boolean };

/**
 * 知识库检索 — ranks items in force by the words they share with the question, after Chinese
 * segmentation (jieba), with PostgreSQL full-text ranking over the stored tokens: "供暖什么时候开始"
 * finds "供暖期时间" although neither contains the other. Items past their review date are flagged.
 */
export async function searchKnowledge(ctx: HotlineContext, text: string, first: number): Promise<KnowledgeHit[]> {
  if (!ctx.ability.can('read', 'KnowledgeItem')) throw forbidden('the knowledge base is not available to your role');
  if (text.trim().length === 0) throw badInput('text', 'is required');
  if (text.length > 200) throw badInput('text', 'must be at most 200 characters');
  if (!Number.isInteger(first) || first < 1 || first > 50) throw badInput('first', 'must be between 1 and 50');
  // Tokens are letters and digits only (tokenize guarantees it), so they are safe tsquery lexemes.
  const words = [...new Set(tokenize(text))].filter((w) => /^[\p{L}\p{N}]+$/u.test(w)).slice(0, 32);
  if (words.length === 0) return [];
  const now = ctx.clock.now();
  const rows = (await ctx.em.execute(
    `select k.id, ts_rank_cd(to_tsvector('simple', k.search_text), q) as score
       from hotline.knowledge_item k, to_tsquery('simple', ?) q
      where to_tsvector('simple', k.search_text) @@ q
        and k.valid_from <= ? and (k.valid_to is null or k.valid_to > ?)
      order by score desc, k.updated_at desc
      limit ?`,
    [words.join(' | '), now, now, first],
  )) as { id: string; score: number }[];
  if (rows.length === 0) return [];
  const items = new Map((await ctx.em.find(KnowledgeItemEntity, { id: { $in: rows.map((r) => r.id) } })).map((k) => [k.id, k]));
  return rows.map((r) => {
    const item = items.get(r.id)!;
    return { item, score: Math.round(Number(r.score) * 1000) / 1000, stale: Boolean(item.reviewBy && item.reviewBy.getTime() < now.getTime()) };
  });
}

export type KnowledgeItemInput = {
  id?: string | null;
  title: string;
  body: string;
  categoryCode?: string | null;
  ownerUnitId?: string | null;
  validFrom?: Date | null;
  validTo?: Date | null;
  reviewBy?: Date | null;
};

/**
 * 知识库维护 — a unit keeps its own items current (a handler edits its unit's items); dispatchers
 * maintain any item and choose the owning unit. Every save re-segments the text for search and
 * needs a review date in the future.
 */
export async function saveKnowledgeItem(ctx: HotlineContext, input: KnowledgeItemInput): Promise<KnowledgeHit> {
  const now = ctx.clock.now();
  const title = requiredText('input.title', input.title, { min: 2, max: 200 });
  const body = requiredText('input.body', input.body, { min: 10, max: 8000 });
  const reviewBy = input.reviewBy ?? new Date(now.getTime() + 180 * 86_400_000);
  if (reviewBy.getTime() <= now.getTime()) throw badInput('input.reviewBy', 'must be in the future');
  const validFrom = input.validFrom ?? now;
  if (input.validTo && input.validTo.getTime() <= validFrom.getTime()) throw badInput('input.validTo', 'must be after input.validFrom');
  if (input.categoryCode && !(await ctx.em.findOne(CategoryEntity, { code: input.categoryCode }))) {
    throw badInput('input.categoryCode', `${input.categoryCode} is not in the classification catalog`);
  }
  const ownerUnitId = input.ownerUnitId ? fromGlobalId('Unit', input.ownerUnitId) : ctx.principal.unit;
  if (!ownerUnitId || !isUuid(ownerUnitId) || !(await ctx.em.findOne(UnitEntity, { id: ownerUnitId }))) throw badInput('input.ownerUnitId', 'name the unit that owns the item');
  let item: KnowledgeItem | null = null;
  if (input.id) {
    const id = fromGlobalId('KnowledgeItem', input.id);
    item = id && isUuid(id) ? await ctx.em.findOne(KnowledgeItemEntity, { id }) : null;
    if (!item) throw notFound('knowledge item');
    if (!ctx.ability.can('manage', asSubject('KnowledgeItem', item))) throw forbidden('only the owning unit or a dispatcher may change this item');
  }
  const fields = { title, body, categoryCode: input.categoryCode ?? undefined, ownerUnitId, validFrom, validTo: input.validTo ?? undefined, reviewBy, updatedAt: now, searchText: segmentForSearch(`${title} ${body}`) };
  if (!ctx.ability.can('manage', asSubject('KnowledgeItem', { ...item, ...fields }))) throw forbidden('your role may not maintain knowledge items for that unit');
  if (item) Object.assign(item, fields);
  else item = ctx.em.create(KnowledgeItemEntity, { id: randomUUID(), ...fields });
  await ctx.em.flush();
  return { item, score: 1, stale: false };
}
