import type { DbModule } from '../../src/platform/db/orm';
import { PETITION_ENTITIES, PETITION_SCHEMA } from './entities';
import { migrations } from './migrations';

export const petitionDb: DbModule = { name: 'petition', schema: PETITION_SCHEMA, entities: PETITION_ENTITIES, migrations };
