import type { DbModule } from '../../src/platform/db/orm';
import { UTILITIES_ENTITIES, UTILITIES_SCHEMA } from './entities';
import { migrations } from './migrations';

export const utilitiesDb: DbModule = { name: 'utilities', schema: UTILITIES_SCHEMA, entities: UTILITIES_ENTITIES, migrations };
