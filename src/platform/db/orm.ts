import { MikroORM, type EntitySchema, type MigrationObject, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logging';

export type { EntityManager } from '@mikro-orm/postgresql';
export type Orm = MikroORM<PostgreSqlDriver>;

/**
 * A bounded area's database module: its own PostgreSQL schema, entities and migrations.
 * No query crosses a schema (docs/design.md); data crosses through federation entities or the outbox.
 */
export type DbModule = {
  name: string;
  schema: string;
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
};

export type OrmOptions = {
  url: string;
  poolMax: number;
  log: Logger;
  /** Every pooled connection switches to this role (the application role; migrations use none). */
  role?: string;
  /** Called once per SQL statement sent; feeds the statement metric and the batching tests. */
  onStatement?: (module: string) => void;
};

export async function openOrm(module: DbModule, options: OrmOptions): Promise<Orm> {
  const orm = await MikroORM.init<PostgreSqlDriver>(ormConfig(module, options));
  const onStatement = options.onStatement;
  if (onStatement) orm.em.getConnection().getKnex().on('query', () => onStatement(module.name));
  return orm;
}

export function ormConfig(module: DbModule, options: Pick<OrmOptions, 'url' | 'poolMax' | 'log' | 'role'>): Options<PostgreSqlDriver> {
  const role = options.role;
  if (role && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid database role name ${JSON.stringify(role)}`);
  return {
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    entities: module.entities,
    schema: module.schema,
    // Each module's EntityManagers resolve their transaction context by this name: with one shared
    // name, a module called inside another's transaction (an intake screen) would get that one's EM.
    contextName: module.name,
    extensions: [Migrator],
    pool: {
      min: 0,
      max: options.poolMax,
      idleTimeoutMillis: 10_000,
      ...(role && {
        afterCreate: (connection: { query(sql: string, cb: (error: Error | null) => void): void }, done: (error: Error | null, connection: unknown) => void) =>
          connection.query(`SET ROLE ${role}`, (error) => done(error, connection)),
      }),
    },
    forceUtcTimezone: true,
    // Per-request EntityManagers only: a shared identity map would leak rows across principals.
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    debug: false,
    logger: (message) => options.log.debug({ module: module.name }, message),
    migrations: {
      tableName: `${module.schema}.mikro_orm_migrations`,
      migrationsList: module.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    schemaGenerator: { ignoreSchema: ['public', 'information_schema'] },
  };
}

/**
 * Runs pending migrations under a cluster-wide advisory lock, so hub processes starting together
 * (scale-out, tests) never apply the same migration twice.
 */
export async function migrate(orm: Orm, log: Logger): Promise<string[]> {
  const knex = orm.em.getConnection().getKnex();
  const conn = await knex.client.acquireConnection();
  try {
    await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await conn.query(`CREATE SCHEMA IF NOT EXISTS "${orm.config.get('schema')}"`);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) log.info({ schema: orm.config.get('schema'), migrations: applied.map((m) => m.name) }, 'migrations applied');
    return applied.map((m) => m.name);
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await knex.client.releaseConnection(conn);
  }
}

const MIGRATION_LOCK = 4_012_345;

export function forkEm(orm: Orm): EntityManager {
  return orm.em.fork({ clear: true }) as EntityManager;
}

/**
 * `em.begin()` that fails when BEGIN fails. knex hands out a transaction whose BEGIN failed (a
 * connection lost at that moment) as if it had begun, already finished and its connection back in
 * the pool; the next statement then fails with "Transaction query already complete", hiding why.
 * This throws the reason itself (a lost connection: the client may retry).
 */
export async function beginTransaction(em: EntityManager): Promise<void> {
  await em.begin();
  const trx = em.getTransactionContext() as { isCompleted?(): boolean; executionPromise?: Promise<unknown> } | undefined;
  if (!trx?.isCompleted?.()) return;
  const reason = await (trx.executionPromise ?? Promise.resolve()).then(
    () => new Error('the transaction ended as it began'),
    (error: unknown) => error,
  );
  await em.rollback().catch(() => undefined);
  throw reason;
}

/**
 * Closes the sockets of the connections `orm`'s pool still has out (a shutdown past its grace
 * period: PostgreSQL will not answer on them, and the pool would wait for them forever). Their
 * statements fail, their holders let go, the pool can be destroyed. Describes what it closed.
 */
export function abandonConnections(orm: Orm, name: string): string | undefined {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: { used?: { resource?: PooledClient }[] } }).pool;
  const used = pool?.used ?? [];
  for (const { resource } of used) resource?.connection?.stream?.destroy();
  return used.length ? `database pool ${name}: ${used.length} connection${used.length === 1 ? '' : 's'} in use closed` : undefined;
}

type PooledClient = { connection?: { stream?: { destroy(): void } } };
