import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../clock';
import { prepareDataKey, type DataKey } from './cipher';
import type { KeyProvider, WrappedKey } from './key-provider';
import { algorithmsOf, type CipherAlg, type CryptoProfile, type MacAlg } from './profile';

/**
 * The key hierarchy's middle floor (docs/encryption.md):
 *
 *     KEK (at the key provider, versioned, never in the database)
 *      └─ data keys in crypto.data_key, each wrapped by a KEK version, one active per (scope, alg):
 *           column:<name>  values with no erasure unit of their own
 *           case:<id>      one case's personal data — destroyed alone to crypto-shred that case
 *           index:<purpose> blind-index keys (HMAC), one per lookup purpose
 *
 * A value's envelope names its data key; a data key's row names its KEK version. Unwrapped keys are
 * cached in memory for `cacheSeconds` (another process forgets a destroyed key within that time).
 */
export type KeyAlg = CipherAlg | MacAlg;

export type KeyState = 'active' | 'retired' | 'destroyed';

export type KeyringOptions = Readonly<{
  pool: Pool;
  provider: KeyProvider;
  profile: CryptoProfile;
  clock: Clock;
  cacheSeconds?: number;
  /** Most unwrapped keys kept in memory (oldest forgotten first). */
  cacheSize?: number;
}>;

export class ScopeErasedError extends Error {
  constructor(readonly scope: string) {
    super(`the keys of ${scope} were destroyed (crypto-shredded); nothing new is encrypted under it`);
    this.name = 'ScopeErasedError';
  }
}

export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`no data key ${keyId} in crypto.data_key`);
    this.name = 'UnknownKeyError';
  }
}

/** A key looked up by id: usable, or destroyed (its values are erased). */
export type KeyLookup = Readonly<{ state: 'usable'; scope: string; alg: KeyAlg; secret: Buffer }> | Readonly<{ state: 'destroyed'; scope: string; destroyedAt: Date }>;

type Row = { id: string; scope: string; alg: string; kek_id: string | null; wrapped: string | null; state: KeyState; destroyed_at: Date | null };

const SCOPE = /^[a-z][a-z0-9-]*:[A-Za-z0-9_.:@-]{1,200}$/;

export type Keyring = ReturnType<typeof createKeyring>;

export function createKeyring(options: KeyringOptions) {
  const { pool, provider, clock } = options;
  const ttl = (options.cacheSeconds ?? 300) * 1000;
  const cacheSize = options.cacheSize ?? 10_000;
  const cipher = algorithmsOf(options.profile).cipher;
  const mac = algorithmsOf(options.profile).mac;
  const byId = new Map<string, { lookup: KeyLookup; until: number }>();
  const activeIds = new Map<string, { id: string; until: number }>();

  const remember = (id: string, lookup: KeyLookup) => {
    byId.delete(id);
    byId.set(id, { lookup, until: Date.now() + ttl });
    while (byId.size > cacheSize) byId.delete(byId.keys().next().value!);
  };
  const context = (row: { id: string; scope: string; alg: string }) => `${row.id}\u0000${row.scope}\u0000${row.alg}`;

  /** Unwraps rows (one provider round trip for all of them) and caches the result. */
  const resolve = async (rows: readonly Row[]): Promise<Map<string, KeyLookup>> => {
    const out = new Map<string, KeyLookup>();
    const wrapped = rows.filter((r) => r.state !== 'destroyed');
    const secrets = await provider.unwrap(wrapped.map((r) => ({ key: { kekId: r.kek_id!, wrapped: r.wrapped! }, context: context(r) })));
    wrapped.forEach((r, i) => out.set(r.id, { state: 'usable', scope: r.scope, alg: r.alg as KeyAlg, secret: secrets[i]! }));
    for (const r of rows) if (r.state === 'destroyed') out.set(r.id, { state: 'destroyed', scope: r.scope, destroyedAt: r.destroyed_at! });
    for (const [id, lookup] of out) remember(id, lookup);
    return out;
  };

  const lookupMany = async (ids: readonly string[]): Promise<Map<string, KeyLookup>> => {
    const now = Date.now();
    const out = new Map<string, KeyLookup>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = byId.get(id);
      if (hit && hit.until > now) out.set(id, hit.lookup);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const { rows } = await pool.query<Row>('select id, scope, alg, kek_id, wrapped, state, destroyed_at from crypto.data_key where id = any($1)', [missing]);
      for (const [id, lookup] of await resolve(rows)) out.set(id, lookup);
    }
    return out;
  };

  /** The active key of (scope, alg), created on first use; refuses a destroyed scope. */
  const active = async (scope: string, alg: KeyAlg): Promise<{ id: string; secret: Buffer }> => {
    if (!SCOPE.test(scope)) throw new Error(`invalid key scope ${JSON.stringify(scope.slice(0, 40))}: kind:name, e.g. case:<id> or column:hotline.caller`);
    const cacheKey = `${scope}\u0000${alg}`;
    const cached = activeIds.get(cacheKey);
    if (cached && cached.until > Date.now()) {
      const hit = (await lookupMany([cached.id])).get(cached.id);
      if (hit?.state === 'usable') return { id: cached.id, secret: hit.secret };
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const { rows } = await pool.query<Row>(
        "select id, scope, alg, kek_id, wrapped, state, destroyed_at from crypto.data_key where scope = $1 and (state = 'destroyed' or (alg = $2 and state = 'active')) order by state = 'destroyed' desc limit 1",
        [scope, alg],
      );
      const row = rows[0];
      if (row?.state === 'destroyed') throw new ScopeErasedError(scope);
      if (row) {
        const lookup = (await resolve([row])).get(row.id)!;
        activeIds.set(cacheKey, { id: row.id, until: Date.now() + ttl });
        return { id: row.id, secret: (lookup as { secret: Buffer }).secret };
      }
      await insertKey(pool, scope, alg, 'active');
    }
    throw new Error(`could not create the active key of ${scope}`);
  };

  const insertKey = async (db: Pool | PoolClient, scope: string, alg: KeyAlg, state: 'active'): Promise<void> => {
    const id = newKeyId();
    const secret = randomBytes(32);
    const wrapped: WrappedKey = await provider.wrap(secret, context({ id, scope, alg }));
    // Two processes creating the first key of a scope at once: one insert wins, the other re-reads.
    await db.query(
      `insert into crypto.data_key (id, scope, alg, kek_id, wrapped, state, created_at) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (scope, alg) where state = 'active' do nothing`,
      [id, scope, alg, wrapped.kekId, wrapped.wrapped, state, clock.now()],
    );
  };

  return {
    profile: options.profile,
    provider,
    /** The field cipher of the current profile's active key for `scope`. */
    async current(scope: string): Promise<DataKey> {
      const key = await active(scope, cipher);
      return prepareDataKey(cipher, key.id, key.secret);
    },
    /** The secret of the active blind-index key for `purpose` (scope `index:<purpose>`). */
    async indexKey(purpose: string, alg: MacAlg = mac): Promise<{ id: string; secret: Buffer }> {
      return active(`index:${purpose}`, alg);
    },
    /** Keys by id, for opening values; unknown ids are absent from the map. */
    lookupMany,
    /** DEK rotation: the scope's active key (current profile) is retired — it still opens its values — and a new one made active. */
    async rotate(scope: string): Promise<string> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query("update crypto.data_key set state = 'retired', retired_at = $3 where scope = $1 and alg = $2 and state = 'active'", [scope, cipher, clock.now()]);
        const { rowCount } = await client.query("select 1 from crypto.data_key where scope = $1 and state = 'destroyed'", [scope]);
        if (rowCount) throw new ScopeErasedError(scope);
        await insertKey(client, scope, cipher, 'active');
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      activeIds.delete(`${scope}\u0000${cipher}`);
      return (await active(scope, cipher)).id;
    },
    /**
     * Crypto-shredding: every key of `scope` loses its wrapped material (the row stays as a
     * tombstone with the time and reason), so the values they protected cannot be opened by
     * anyone — with or without the KEK. Returns the number of keys destroyed.
     */
    async destroy(scope: string, reason: string): Promise<number> {
      if (!SCOPE.test(scope)) throw new Error('invalid key scope');
      const { rows } = await pool.query<{ id: string }>(
        "update crypto.data_key set state = 'destroyed', wrapped = null, kek_id = null, destroyed_at = $2, destroyed_reason = $3 where scope = $1 and state <> 'destroyed' returning id",
        [scope, clock.now(), reason.slice(0, 200)],
      );
      for (const r of rows) byId.delete(r.id);
      for (const k of [...activeIds.keys()]) if (k.startsWith(`${scope}\u0000`)) activeIds.delete(k);
      return rows.length;
    },
    /**
     * KEK rotation's second half: re-wraps every data key not yet under the provider's current KEK
     * version, a batch at a time (resumable: it simply continues with what is left). With `from`,
     * keys wrapped by that other provider are moved (unwrapped there, wrapped here) — the switch from
     * the development key file to a KMS, or from one KMS key to another. The data is not touched.
     * Keys neither provider owns are left as they are and counted.
     */
    async rewrapAll(options: { from?: KeyProvider; progress?: (done: number, total: number) => void } = {}): Promise<{ rewrapped: number; foreign: number }> {
      const currentKek = await provider.currentKekId();
      const { rows: count } = await pool.query<{ n: string }>('select count(*)::text as n from crypto.data_key where wrapped is not null and kek_id <> $1', [currentKek]);
      const total = Number(count[0]!.n);
      let rewrapped = 0;
      let foreign = 0;
      let after = '';
      for (;;) {
        const { rows } = await pool.query<Row>(
          'select id, scope, alg, kek_id, wrapped, state, destroyed_at from crypto.data_key where wrapped is not null and kek_id <> $1 and id > $2 order by id limit 100',
          [currentKek, after],
        );
        if (rows.length === 0) break;
        for (const row of rows) {
          after = row.id;
          const old: WrappedKey = { kekId: row.kek_id!, wrapped: row.wrapped! };
          let next: WrappedKey;
          if (provider.owns(old.kekId)) next = await provider.rewrap(old);
          else if (options.from?.owns(old.kekId)) {
            const [secret] = await options.from.unwrap([{ key: old, context: context(row) }]);
            next = await provider.wrap(secret!, context(row));
          } else {
            foreign++;
            continue;
          }
          // Only if nobody destroyed or rewrapped it meanwhile.
          const { rowCount } = await pool.query('update crypto.data_key set kek_id = $2, wrapped = $3 where id = $1 and kek_id = $4 and wrapped = $5', [row.id, next.kekId, next.wrapped, row.kek_id, row.wrapped]);
          rewrapped += rowCount ?? 0;
        }
        options.progress?.(rewrapped, total);
      }
      return { rewrapped, foreign };
    },
    /** Forgets every unwrapped key held in memory. */
    forget(): void {
      byId.clear();
      activeIds.clear();
    },
  };
}

/** 16 characters of base64url (96 random bits): appears in every envelope, so kept short. */
function newKeyId(): string {
  return randomBytes(12).toString('base64url');
}
