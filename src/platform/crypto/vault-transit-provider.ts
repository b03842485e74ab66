import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { bindContext, KeyProviderError, unbindContext, type KeyProvider, type UnwrapRequest, type WrappedKey } from './key-provider';
import type { CryptoProfile } from './profile';

/**
 * A KEK held by an HTTP KMS speaking the Transit protocol of HashiCorp Vault and OpenBao
 * (`POST /v1/<mount>/encrypt/<key>`, `decrypt`, `rewrap`, `GET /v1/<mount>/keys/<key>`,
 * `POST /v1/<mount>/keys/<key>/rotate`, token in `X-Vault-Token`). The KEK never leaves the KMS;
 * the hub sends it data keys to wrap and wrapped keys to unwrap (batched), over HTTPS in production.
 * In the `gm` profile the KMS key must be an SM4 key (its `type` starts with `sm4`): a KMS backed by
 * a certified cryptographic device (密码机) provides one; Vault and OpenBao themselves do not.
 */
export type VaultTransitOptions = Readonly<{
  url: string;
  token: string;
  keyName: string;
  mount?: string;
  /** PEM file of the CA that signed the KMS's certificate (a government PKI). */
  caFile?: string;
  timeoutMs?: number;
  /** Attempts after the first for retryable failures (network, timeout, 429, 5xx). */
  retries?: number;
  profile: CryptoProfile;
}>;

type VaultBody = { data?: Record<string, unknown>; errors?: string[] };
type BatchResult = { ciphertext?: string; plaintext?: string; error?: string; key_version?: number };

const BATCH = 100;

export function createVaultTransitProvider(options: VaultTransitOptions): KeyProvider {
  const base = new URL(options.url);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new KeyProviderError('KMS_URL must be an http(s) URL', false);
  const mount = options.mount ?? 'transit';
  const name = encodeURIComponent(options.keyName);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retries = options.retries ?? 2;
  const ca = options.caFile ? fs.readFileSync(options.caFile) : undefined;
  let latest: { version: number; at: number } | undefined;

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<VaultBody> => {
    let lastError: KeyProviderError | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      try {
        return await request(base, method, `/v1/${mount}/${path}`, options.token, body, timeoutMs, ca);
      } catch (error) {
        if (!(error instanceof KeyProviderError) || !error.retryable) throw error;
        lastError = error;
      }
    }
    throw lastError!;
  };
  const version = (ciphertext: string): number => {
    const match = /^vault:v(\d+):/.exec(ciphertext);
    if (!match) throw new KeyProviderError('the KMS returned a ciphertext without a vault:v<n>: prefix', false);
    return Number(match[1]);
  };
  const kekId = (v: number) => `${options.keyName}:v${v}`;
  const readKey = async () => {
    const body = await call('GET', `keys/${name}`);
    const type = String(body.data?.type ?? '');
    const latestVersion = Number(body.data?.latest_version);
    if (!Number.isInteger(latestVersion) || latestVersion < 1) throw new KeyProviderError(`KMS key ${options.keyName}: no latest_version in its description`, false);
    latest = { version: latestVersion, at: Date.now() };
    return { type, latestVersion };
  };

  return {
    kind: 'vault-transit',
    async check() {
      const { type } = await readKey();
      const sm4 = type.startsWith('sm4');
      if (options.profile === 'gm' && !sm4) {
        throw new KeyProviderError(`KMS key ${options.keyName} is of type ${type}; CRYPTO_PROFILE=gm needs an SM4 key at the KMS`, false);
      }
      if (options.profile === 'intl' && !/^(aes256-gcm96|chacha20-poly1305)$/.test(type)) {
        throw new KeyProviderError(`KMS key ${options.keyName} is of type ${type}; CRYPTO_PROFILE=intl needs aes256-gcm96 or chacha20-poly1305`, false);
      }
    },
    async currentKekId() {
      if (!latest || Date.now() - latest.at > 30_000) await readKey();
      return kekId(latest!.version);
    },
    async wrap(dataKey, context) {
      const body = await call('POST', `encrypt/${name}`, { plaintext: bindContext(dataKey, context).toString('base64') });
      const ciphertext = String(body.data?.ciphertext ?? '');
      return { kekId: kekId(version(ciphertext)), wrapped: ciphertext };
    },
    async unwrap(requests: readonly UnwrapRequest[]) {
      const out: Buffer[] = [];
      for (let i = 0; i < requests.length; i += BATCH) {
        const chunk = requests.slice(i, i + BATCH);
        const body = await call('POST', `decrypt/${name}`, { batch_input: chunk.map((r) => ({ ciphertext: r.key.wrapped })) });
        const results = (body.data?.batch_results ?? []) as BatchResult[];
        if (results.length !== chunk.length) throw new KeyProviderError('the KMS answered a batch with a different number of results', true);
        results.forEach((result, j) => {
          if (result.error || typeof result.plaintext !== 'string') {
            throw new KeyProviderError(`the KMS refused to unwrap a data key wrapped by ${chunk[j]!.key.kekId}: ${String(result.error ?? 'no plaintext').slice(0, 200)}`, false);
          }
          out.push(unbindContext(Buffer.from(result.plaintext, 'base64'), chunk[j]!.context));
        });
      }
      return out;
    },
    async rewrap(key: WrappedKey) {
      const body = await call('POST', `rewrap/${name}`, { ciphertext: key.wrapped });
      const ciphertext = String(body.data?.ciphertext ?? '');
      return { kekId: kekId(version(ciphertext)), wrapped: ciphertext };
    },
    owns: (id) => id.startsWith(`${options.keyName}:v`),
    async rotate() {
      await call('POST', `keys/${name}/rotate`, {});
      const { latestVersion } = await readKey();
      return kekId(latestVersion);
    },
  };
}

/** One HTTP exchange; errors never include the request body (it carries key material). */
function request(base: URL, method: string, path: string, token: string, body: unknown, timeoutMs: number, ca: Buffer | undefined): Promise<VaultBody> {
  const url = new URL(path.replace(/^\//, ''), base.href.endsWith('/') ? base.href : `${base.href}/`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method,
        headers: { 'x-vault-token': token, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
        timeout: timeoutMs,
        ...(ca ? { ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => reject(new KeyProviderError('KMS unavailable: the response was cut off', true)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          let parsed: VaultBody = {};
          try {
            const text = Buffer.concat(chunks).toString('utf8');
            parsed = text ? (JSON.parse(text) as VaultBody) : {};
          } catch {
            if (status < 300) return reject(new KeyProviderError(`KMS answered ${status} with a body that is not JSON`, true));
          }
          if (status >= 200 && status < 300) return resolve(parsed);
          const reason = (parsed.errors ?? []).join('; ').slice(0, 200) || res.statusMessage || 'no reason given';
          const retryable = status === 429 || status >= 500;
          reject(new KeyProviderError(`KMS ${retryable ? 'unavailable' : 'refused'}: ${method} ${url.pathname} answered ${status} (${reason})`, retryable));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(new KeyProviderError(`KMS unavailable: ${method} ${url.pathname} failed (${error.message === 'timeout' ? `no answer within ${timeoutMs} ms` : (error.code ?? error.message)})`, true)),
    );
    req.end(payload);
  });
}
