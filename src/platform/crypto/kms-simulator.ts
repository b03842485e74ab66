import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { open, prepareDataKey, seal } from './cipher';
import { parseEnvelope } from './envelope';
import type { CipherAlg } from './profile';

/**
 * A KMS speaking the Vault/OpenBao Transit protocol over real HTTP, for development and tests
 * (the same role the partner simulators play): encrypt, decrypt and rewrap (single or
 * `batch_input`), key description, rotation, token authentication — and faults on demand
 * (answer the next requests with an error status, delay every answer, refuse a token).
 * Key types: `aes256-gcm96` and `sm4-ctr-hmac-sm3` (what a KMS backed by an SM4 device offers).
 */
export type KmsKeyType = 'aes256-gcm96' | 'sm4-ctr-hmac-sm3';

export type KmsSimulator = {
  url: string;
  token: string;
  /** Requests received, by operation (`encrypt`, `decrypt`, `rewrap`, `read`, `rotate`). */
  calls: Record<string, number>;
  createKey(name: string, type: KmsKeyType): void;
  /** The next `count` requests are answered with `status` (503 by default) without being performed. */
  failNext(count: number, status?: number): void;
  /** Every answer waits this long first (a slow or hung KMS). */
  delayMs: number;
  stop(): Promise<void>;
};

type Key = { type: KmsKeyType; versions: Buffer[] };

export async function startKmsSimulator(options: { port?: number; token?: string; host?: string } = {}): Promise<KmsSimulator> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const keys = new Map<string, Key>();
  const calls: Record<string, number> = {};
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  const state = { delayMs: 0 };

  const alg = (type: KmsKeyType): CipherAlg => (type === 'aes256-gcm96' ? 'A256GCM' : 'SM4CTR-HSM3');
  const encrypt = (name: string, key: Key, plaintext: string) => {
    const v = key.versions.length;
    const text = seal(prepareDataKey(alg(key.type), `v${v}`, key.versions[v - 1]!), Buffer.from(plaintext, 'base64'), name);
    return { ciphertext: `vault:v${v}:${Buffer.from(text).toString('base64')}`, key_version: v };
  };
  const decrypt = (name: string, key: Key, ciphertext: string) => {
    const match = /^vault:v(\d+):(.+)$/.exec(ciphertext);
    if (!match) throw new Error('invalid ciphertext: no prefix');
    const secret = key.versions[Number(match[1]) - 1];
    if (!secret) throw new Error('invalid ciphertext: unknown key version');
    try {
      const e = parseEnvelope(Buffer.from(match[2]!, 'base64').toString('utf8'));
      return open(prepareDataKey(e.alg, e.keyId, secret), e, name).toString('base64');
    } catch {
      throw new Error('cipher: message authentication failed');
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) =>
        setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)), state.delayMs);
      const match = /^\/v1\/transit\/(encrypt|decrypt|rewrap|keys)\/([A-Za-z0-9_-]+)(\/rotate)?$/.exec(req.url ?? '');
      if (!match) return answer(404, { errors: ['no handler for route'] });
      const op = match[1] === 'keys' ? (match[3] ? 'rotate' : 'read') : match[1]!;
      calls[op] = (calls[op] ?? 0) + 1;
      if (req.headers['x-vault-token'] !== token) return answer(403, { errors: ['permission denied'] });
      if (failures.count > 0) {
        failures.count--;
        return answer(failures.status, { errors: ['simulated failure'] });
      }
      const name = match[2]!;
      const key = keys.get(name);
      if (!key) return answer(404, { errors: [`encryption key not found`] });
      let body: Record<string, any> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>) : {};
      } catch {
        return answer(400, { errors: ['failed to parse JSON input'] });
      }
      const batch = (one: (item: Record<string, any>) => Record<string, unknown>) => {
        if (!Array.isArray(body.batch_input)) {
          try {
            return answer(200, { data: one(body) });
          } catch (error) {
            return answer(400, { errors: [(error as Error).message] });
          }
        }
        const results = (body.batch_input as Record<string, any>[]).map((item) => {
          try {
            return one(item);
          } catch (error) {
            return { error: (error as Error).message };
          }
        });
        return answer(200, { data: { batch_results: results } });
      };
      switch (op) {
        case 'read':
          return answer(200, {
            data: { name, type: key.type, latest_version: key.versions.length, min_decryption_version: 1, keys: Object.fromEntries(key.versions.map((_, i) => [String(i + 1), 0])) },
          });
        case 'rotate':
          key.versions.push(randomBytes(32));
          return answer(200, { data: { name, latest_version: key.versions.length } });
        case 'encrypt':
          return batch((item) => encrypt(name, key, String(item.plaintext ?? '')));
        case 'decrypt':
          return batch((item) => ({ plaintext: decrypt(name, key, String(item.ciphertext ?? '')) }));
        case 'rewrap':
          return batch((item) => encrypt(name, key, decrypt(name, key, String(item.ciphertext ?? ''))));
        default:
          return answer(404, { errors: ['no handler for route'] });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const sim: KmsSimulator = {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    token,
    calls,
    createKey(name, type) {
      keys.set(name, { type, versions: [randomBytes(32)] });
    },
    failNext(count, status = 503) {
      failures = { count, status };
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return sim;
}
