import type { DbModule } from '../../src/platform/db/orm';
import { EXCHANGE_ENTITIES, EXCHANGE_SCHEMA } from './entities';
import { migrations } from './migrations';

export const exchangeDb: DbModule = { name: 'exchange', schema: EXCHANGE_SCHEMA, entities: EXCHANGE_ENTITIES, migrations };
