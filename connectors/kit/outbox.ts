import { randomUUID } from 'node:crypto';
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '../../src/platform/db/orm';

/**
 * The transactional outbox (docs/design.md decision 4/5). A module writes its domain events and partner
 * messages into its own schema's `outbox` table in the same transaction as the state change, so a
 * change is never committed without its message, nor a message sent for a change that rolled back.
 * Delivery workers (`worker.ts`) claim rows with FOR UPDATE SKIP LOCKED.
 */
export interface OutboxMessage {
  seq: string;
  id: string;
  topic: string;
  /** Ordering/partition key, e.g. the case id: messages with one key are delivered in order. */
  key: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  availableAt: Date;
  attempts: number;
  lastError?: string;
  deliveredAt?: Date;
  deadAt?: Date;
}

/** Each module adds this entity (named for its schema) to its entity list, so migrations create the table. */
export function defineOutboxEntity(schema: string): EntitySchema<OutboxMessage> {
  return new EntitySchema<OutboxMessage>({
    name: 'OutboxMessage',
    tableName: 'outbox',
    schema,
    indexes: [{ name: `${schema}_outbox_pending_idx`, properties: ['key', 'seq'] }],
    properties: {
      seq: { type: new BigIntType('string'), primary: true, autoincrement: true },
      id: { type: 'uuid', unique: true },
      topic: { type: 'string', length: 64 },
      key: { type: 'string', length: 64 },
      payload: { type: 'json' },
      createdAt: { type: 'Date', columnType: 'timestamptz' },
      availableAt: { type: 'Date', columnType: 'timestamptz' },
      attempts: { type: 'integer', default: 0 },
      lastError: { type: 'text', nullable: true },
      deliveredAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
      deadAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    },
  });
}

export type NewMessage = { topic: string; key: string; payload: Record<string, unknown>; availableAt?: Date };

/**
 * Adds messages to the unit of work of `em`: they are inserted by the caller's flush, in the
 * caller's transaction. A statement trigger (outboxNotifySql) NOTIFYs the workers, and PostgreSQL
 * delivers the notification only when that transaction commits.
 */
export function enqueue(em: EntityManager, entity: EntitySchema<OutboxMessage>, now: Date, messages: NewMessage[]): string[] {
  const ids: string[] = [];
  for (const message of messages) {
    const id = randomUUID();
    ids.push(id);
    em.create(entity, {
      id,
      topic: message.topic,
      key: message.key,
      payload: message.payload,
      createdAt: now,
      availableAt: message.availableAt ?? now,
      attempts: 0,
    } as OutboxMessage);
  }
  return ids;
}

export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/** SQL for a module's migration: wake the delivery workers when messages are committed. */
export function outboxNotifySql(schema: string): string[] {
  return [
    `create or replace function "${schema}".notify_outbox() returns trigger language plpgsql as $$
      begin perform pg_notify('${outboxChannel(schema)}', ''); return null; end $$;`,
    `create trigger outbox_notify after insert on "${schema}".outbox for each statement execute function "${schema}".notify_outbox();`,
    `create index outbox_undelivered_idx on "${schema}".outbox (seq) where delivered_at is null and dead_at is null;`,
  ];
}
