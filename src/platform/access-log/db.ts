import type { DbModule } from '../db/orm';
import { AccessEventEntity, AUDIT_SCHEMA, ChainAnchorEntity, ChainHeadEntity } from './entities';
import { migrations } from './migrations';

export const auditDb: DbModule = { name: 'audit', schema: AUDIT_SCHEMA, entities: [AccessEventEntity, ChainHeadEntity, ChainAnchorEntity], migrations };
