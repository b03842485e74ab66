import { badInput } from '../../platform/graphql/errors';
import { RegionEntity, type Region } from '../entities';
import { regionPrefix } from '../queries';
import { builder } from './builder';

const RegionRef = builder.objectRef<Region>('Region').implement({
  description: 'An administrative region (GB/T 2260 code; nine digits for a township or street).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    level: t.exposeString('level', { description: 'PROVINCE, CITY, DISTRICT or TOWNSHIP.' }),
    parent: t.exposeString('parentCode', { nullable: true, description: 'The parent region\'s code.' }),
  }),
});

builder.queryFields((t) => ({
  regions: t.field({
    type: [RegionRef],
    description: 'The administrative map (reference data, like units and categories): a region and everything below it, or every region.',
    args: { within: t.arg.string({ required: false, description: 'A six- or nine-digit region code.' }) },
    resolve: (_root, { within }, ctx) => {
      if (within && !/^\d{6}(\d{3})?$/.test(within)) throw badInput('within', 'must be a six- or nine-digit region code');
      const where = within ? { code: { $like: `${regionPrefix(within)}%` } } : {};
      return ctx.em.find(RegionEntity, where, { orderBy: { code: 'asc' } });
    },
  }),
}));
