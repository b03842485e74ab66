import type { DbModule } from '../../src/platform/db/orm';
import { SUPERVISION_ENTITIES, SUPERVISION_SCHEMA } from './entities';
import { migrations } from './migrations';

export const supervisionDb: DbModule = { name: 'supervision', schema: SUPERVISION_SCHEMA, entities: SUPERVISION_ENTITIES, migrations };
