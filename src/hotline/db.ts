import type { DbModule } from '../platform/db/orm';
import { HOTLINE_ENTITIES, SCHEMA } from './entities';
import { migrations } from './migrations';

export const hotlineDb: DbModule = { name: 'hotline', schema: SCHEMA, entities: HOTLINE_ENTITIES, migrations };
