import type { DbModule } from '../../src/platform/db/orm';
import { GATEWAY_SCHEMA, RateLimitWindowEntity } from './entities';
import { migrations } from './migrations';

/** The gateway's own state in PostgreSQL: the rate-limit windows shared by every gateway process. */
export const gatewayDb: DbModule = { name: 'gateway', schema: GATEWAY_SCHEMA, entities: [RateLimitWindowEntity], migrations };
