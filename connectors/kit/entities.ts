import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { defineOutboxEntity, outboxNotifySql, type OutboxMessage } from './outbox';

/**
 * The kit's tables, in the schema of the module that runs the kit (the exchange): partner messages
 * waiting to go out (outbox), inbound idempotency records, the hash-chained exchange log, and the
 * state of each partner endpoint (disabled after a 410).
 */
export interface InboundMessage {
  id: string;
  partner: string;
  idempotencyKey: string;
  type: string;
  payloadHash: string;
  result?: Record<string, unknown>;
  receivedAt: Date;
}

export type ExchangeDirection = 'IN' | 'OUT';

export interface ExchangeLogRecord {
  seq: string;
  id: string;
  at: Date;
  partner: string;
  direction: ExchangeDirection;
  messageId: string;
  type: string;
  caseNumber?: string;
  principalId: string;
  signature?: string;
  payloadHash: string;
  outcome: string;
  httpStatus?: number;
  detail?: string;
  prevHash: string;
  hash: string;
}

export interface PartnerEndpointState {
  partner: string;
  disabledAt?: Date;
  disabledReason?: string;
  updatedAt: Date;
}

export type KitEntities = {
  outbox: EntitySchema<OutboxMessage>;
  inbound: EntitySchema<InboundMessage>;
  log: EntitySchema<ExchangeLogRecord>;
  endpoint: EntitySchema<PartnerEndpointState>;
};

export function defineKitEntities(schema: string): KitEntities {
  const inbound = new EntitySchema<InboundMessage>({
    name: 'InboundMessage',
    tableName: 'inbound_message',
    schema,
    // One first result per partner and key: a duplicate, even a concurrent one, finds it.
    uniques: [{ name: `${schema}_inbound_partner_key_unique`, properties: ['partner', 'idempotencyKey'] }],
    properties: {
      id: { type: 'uuid', primary: true },
      partner: { type: 'string', length: 32 },
      idempotencyKey: { type: 'string', length: 128 },
      type: { type: 'string', length: 64 },
      payloadHash: { type: 'string', length: 64 },
      result: { type: 'json', nullable: true },
      receivedAt: { type: 'Date', columnType: 'timestamptz' },
    },
  });
  const log = new EntitySchema<ExchangeLogRecord>({
    name: 'ExchangeLogRecord',
    tableName: 'exchange_log',
    schema,
    indexes: [{ properties: ['partner', 'at'] }, { properties: ['caseNumber'] }, { properties: ['at', 'seq'] }],
    properties: {
      seq: { type: new BigIntType('string'), primary: true },
      id: { type: 'uuid', unique: true },
      at: { type: 'Date', columnType: 'timestamptz' },
      partner: { type: 'string', length: 32 },
      direction: { type: 'string', length: 3 },
      messageId: { type: 'string', length: 128 },
      type: { type: 'string', length: 64 },
      caseNumber: { type: 'string', length: 40, nullable: true },
      principalId: { type: 'string', length: 128 },
      signature: { type: 'text', nullable: true },
      payloadHash: { type: 'string', length: 64 },
      outcome: { type: 'string', length: 32 },
      httpStatus: { type: 'integer', nullable: true },
      detail: { type: 'text', nullable: true },
      prevHash: { type: 'string', length: 64 },
      hash: { type: 'string', length: 64 },
    },
  });
  const endpoint = new EntitySchema<PartnerEndpointState>({
    name: 'PartnerEndpointState',
    tableName: 'partner_endpoint',
    schema,
    properties: {
      partner: { type: 'string', length: 32, primary: true },
      disabledAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
      disabledReason: { type: 'text', nullable: true },
      updatedAt: { type: 'Date', columnType: 'timestamptz' },
    },
  });
  return { outbox: defineOutboxEntity(schema), inbound, log, endpoint };
}

/**
 * Hand-written SQL for the migration that adds the kit to `schema`: the outbox trigger, the chain
 * head, the one definition of a log record's hash, the append function (locks the head: no gaps or
 * forks with many processes) and the append-only guards (the access log's design, docs/design.md 3).
 */
export function kitMigrationSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    ...outboxNotifySql(schema),
    `create table ${s}.exchange_log_head (id smallint primary key check (id = 1), seq bigint not null, hash varchar(64) not null);`,
    `insert into ${s}.exchange_log_head (id, seq, hash) values (1, 0, repeat('0', 64));`,
    `create or replace function ${s}.exchange_log_digest(r ${s}.exchange_log) returns text
      language sql immutable as $$
        select encode(sha256(convert_to(jsonb_build_array(
          r.prev_hash, r.seq, r.id, (extract(epoch from r.at) * 1000000)::bigint, r.partner, r.direction, r.message_id,
          r.type, r.case_number, r.principal_id, r.signature, r.payload_hash, r.outcome, r.http_status, r.detail)::text, 'UTF8')), 'hex')
      $$;`,
    `create or replace function ${s}.append_exchange_log(p_records jsonb) returns void
      language plpgsql security definer set search_path = ${s}, pg_temp as $$
      declare
        head ${s}.exchange_log_head;
        item jsonb;
        rec ${s}.exchange_log;
      begin
        select * into head from ${s}.exchange_log_head where id = 1 for update;
        for item in select value from jsonb_array_elements(p_records) loop
          rec := jsonb_populate_record(null::${s}.exchange_log, item);
          rec.seq := head.seq + 1;
          rec.prev_hash := head.hash;
          rec.hash := ${s}.exchange_log_digest(rec);
          insert into ${s}.exchange_log select rec.*;
          head.seq := rec.seq;
          head.hash := rec.hash;
        end loop;
        update ${s}.exchange_log_head set seq = head.seq, hash = head.hash where id = 1;
      end
      $$;`,
    `create or replace function ${s}.verify_exchange_log() returns table (ok boolean, checked bigint, first_broken_seq bigint)
      language plpgsql stable security definer set search_path = ${s}, pg_temp as $$
      declare
        r ${s}.exchange_log;
        prev text := repeat('0', 64);
        n bigint := 0;
      begin
        for r in select * from ${s}.exchange_log order by seq loop
          n := n + 1;
          if r.prev_hash <> prev or r.hash <> ${s}.exchange_log_digest(r) then
            return query select false, n, r.seq;
            return;
          end if;
          prev := r.hash;
        end loop;
        return query select true, n, null::bigint;
      end
      $$;`,
    `create or replace function ${s}.exchange_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception '%.exchange_log is append-only (% refused)', tg_table_schema, tg_op using errcode = 'insufficient_privilege';
      end $$;`,
    `create trigger exchange_log_append_only before update or delete on ${s}.exchange_log for each row execute function ${s}.exchange_log_refuse_change();`,
    `create trigger exchange_log_no_truncate before truncate on ${s}.exchange_log for each statement execute function ${s}.exchange_log_refuse_change();`,
  ];
}
