import { badInput, forbidden } from '../platform/graphql/errors';
import type { HotlineContext } from './context';
import { KnowledgeItemEntity, type KnowledgeItem } from './entities';
import { tokenize } from './text';

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
