import { rowFilter } from '../../../policies';
import { badInput, forbidden } from '../../platform/graphql/errors';
import type { HotlineContext } from '../context';
import { catalogEntryFor } from '../dispatch';
import { CaseEntity, CategoryEntity, RegionEntity, UnitEntity, type Case, type Region, type Unit } from '../entities';
import { searchKnowledge, type KnowledgeHit } from '../knowledge';
import { tokenize } from '../text';
import { predict, type Prediction } from './classifier';

export type IntakeSuggestion = {
  modelAvailable: boolean;
  categories: Prediction[];
  types: Prediction[];
  urgencies: Prediction[];
  region?: { region: Region; township?: Region; confidence: number };
  leadUnit?: { unit: Unit; confidence: number };
  knowledge: KnowledgeHit[];
  duplicates: { case: Case; score: number }[];
};

/**
 * 智能填单 — from the caller's words, suggestions for the form, each with a confidence: category,
 * type and urgency from the classifier trained on the hub's closed cases; the place from the
 * region names in the text; the lead unit from the dispatch catalog; knowledge items that may
 * answer it; cases of the last week that look like the same matter (only those the operator may
 * see). Suggestions only — the operator decides, and nothing is stored.
 */
export async function suggestIntake(ctx: HotlineContext, text: string): Promise<IntakeSuggestion> {
  if (!ctx.ability.can('create', 'Case')) throw forbidden('assisted intake is for the operators who register cases');
  const trimmed = text.trim();
  if (trimmed.length < 4) throw badInput('text', 'give at least a few words of what the caller said');
  if (trimmed.length > 2000) throw badInput('text', 'must be at most 2000 characters');
  const tokens = tokenize(trimmed);
  const model = await ctx.runtime.intakeModel();
  const categories = model ? predict(model.category, tokens, 3) : [];
  const types = model ? predict(model.type, tokens, 2) : [];
  const urgencies = model ? predict(model.urgency, tokens, 2) : [];
  const region = await placeIn(ctx, trimmed);
  const now = ctx.clock.now();
  let leadUnit: IntakeSuggestion['leadUnit'];
  const best = categories[0];
  if (best && region) {
    const category = await ctx.em.findOne(CategoryEntity, { code: best.label });
    const entry = await catalogEntryFor(ctx.em, best.label, category?.parentCode, region.region.path, now);
    const unit = entry ? await ctx.em.findOne(UnitEntity, { id: entry.leadUnitId }) : null;
    if (unit) leadUnit = { unit, confidence: Math.round(best.confidence * region.confidence * 1000) / 1000 };
  }
  const knowledge = await searchKnowledge(ctx, trimmed.slice(0, 200), 3).catch(() => []);
  const duplicates = best && region ? await likelyDuplicates(ctx, tokens, best.label, region.region.code, now) : [];
  return { modelAvailable: Boolean(model), categories, types, urgencies, region, leadUnit, knowledge, duplicates };
}

/** The most specific region named in the text: a township beats a district beats a city. */
async function placeIn(ctx: HotlineContext, text: string): Promise<IntakeSuggestion['region']> {
  const regions = await ctx.em.find(RegionEntity, {});
  const named = (r: Region) => [r.name, r.name.replace(/(街道|镇|乡|区|县|市)$/, '')].filter((n) => n.length >= 2).some((n) => text.includes(n));
  const township = regions.filter((r) => r.level === 'TOWNSHIP' && named(r)).sort((a, b) => b.name.length - a.name.length)[0];
  if (township) {
    const district = regions.find((r) => r.code === township.parentCode)!;
    return { region: district, township, confidence: 0.9 };
  }
  const district = regions.filter((r) => r.level === 'DISTRICT' && named(r)).sort((a, b) => b.name.length - a.name.length)[0];
  if (district) return { region: district, confidence: 0.7 };
  return undefined;
}

async function likelyDuplicates(ctx: HotlineContext, tokens: string[], categoryCode: string, region: string, now: Date) {
  const visible = rowFilter(ctx.ability, 'read', 'Case');
  if (!visible) return [];
  const recent = await ctx.em.find(
    CaseEntity,
    { $and: [visible, { categoryCode, regionCode: region, status: { $ne: 'MERGED' }, createdAt: { $gte: new Date(now.getTime() - 7 * 86_400_000) } }] },
    { limit: 200, orderBy: { createdAt: 'desc' } },
  );
  // Overlap coefficient: a caller's few words against a case's full text.
  const words = new Set(tokens);
  return recent
    .map((c) => {
      const other = new Set(c.searchText.split(' ').filter(Boolean));
      const shared = [...words].filter((w) => other.has(w)).length;
      return { case: c, score: Math.round((shared / Math.max(1, Math.min(words.size, other.size))) * 1000) / 1000 };
    })
    .filter((d) => d.score >= 0.25)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}
