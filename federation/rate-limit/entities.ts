import { EntitySchema } from '@mikro-orm/core';

export const GATEWAY_SCHEMA = 'gateway';

/**
 * One fixed window of one budget (a principal's or a partner's), shared by every gateway process.
 * The table is UNLOGGED: counters need no crash safety or replication (after a crash or a failover
 * the windows start again from zero, which is harmless), and skipping the WAL keeps the one UPSERT
 * per operation cheap.
 */
export interface RateLimitWindow {
  key: string;
  windowStart: Date;
  hits: number;
}

export const RateLimitWindowEntity = new EntitySchema<RateLimitWindow>({
  name: 'RateLimitWindow',
  tableName: 'rate_limit_window',
  schema: GATEWAY_SCHEMA,
  properties: {
    key: { type: 'string', length: 160, primary: true },
    windowStart: { type: 'Date', columnType: 'timestamptz' },
    hits: { type: 'integer' },
  },
});
