import type { CatalogEntry, Category, Unit } from '../entities';
import { builder } from './builder';

export const UnitRef = builder.objectRef<Unit>('Unit');
builder.node(UnitRef, {
  description: 'A handling unit (诉求办理单位) or the hotline centre.',
  id: { resolve: (unit) => unit.id },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.unitById.load(id)),
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.exposeString('kind', { description: 'HOTLINE_CENTRE, LINE_DEPARTMENT, DISTRICT_GOVERNMENT, TOWNSHIP_GOVERNMENT, STREET_OFFICE or PUBLIC_UTILITY.' }),
    level: t.exposeString('level', { description: 'PROVINCE, CITY, DISTRICT or TOWNSHIP.' }),
    region: t.exposeString('regionCode'),
  }),
});

export const CategoryRef = builder.objectRef<Category>('Category');
CategoryRef.implement({
  description: 'A node of the classification catalog (GB/T 39666-2020 style).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    parent: t.field({
      type: CategoryRef,
      nullable: true,
      resolve: (category, _args, ctx) => (category.parentCode ? ctx.loaders.categoryByCode.load(category.parentCode) : null),
    }),
    tier: t.exposeString('tier', { description: 'Evaluation tier for classified evaluation (A, B, C).' }),
    lineDepartmentItem: t.exposeBoolean('lineDepartmentItem', {
      description: 'A line department\'s item: never dispatched down to a township or street unit.',
    }),
  }),
});

export const CatalogEntryRef = builder.objectRef<CatalogEntry>('CatalogEntry').implement({
  description: '派单目录 — one entry of the dispatch catalog: category × region → lead unit, co-units, SLA profile.',
  fields: (t) => ({
    id: t.exposeID('id'),
    categoryCode: t.exposeString('categoryCode'),
    region: t.exposeString('regionCode'),
    leadUnit: t.field({
      type: UnitRef,
      resolve: async (entry, _args, ctx) => {
        const unit = await ctx.loaders.unitById.load(entry.leadUnitId);
        if (!unit) throw new Error(`catalog entry ${entry.id} names a missing unit`);
        return unit;
      },
    }),
    coUnits: t.field({
      type: [UnitRef],
      resolve: async (entry, _args, ctx) => (await ctx.loaders.unitById.loadMany(entry.coUnitIds)).filter(isUnit),
    }),
    slaProfile: t.exposeString('slaProfile'),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
    validFrom: t.expose('validFrom', { type: 'DateTime' }),
    validTo: t.expose('validTo', { type: 'DateTime', nullable: true }),
    version: t.exposeInt('version'),
  }),
});

export function isUnit(value: Unit | Error | null): value is Unit {
  return value !== null && !(value instanceof Error);
}
