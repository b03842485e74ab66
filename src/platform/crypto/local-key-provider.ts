import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeOnce } from '../identity/keys';
import { open, prepareDataKey, seal, type DataKey } from './cipher';
import { EnvelopeError, parseEnvelope } from './envelope';
import { bindContext, KeyProviderError, unbindContext, type KeyProvider, type UnwrapRequest, type WrappedKey } from './key-provider';
import { algorithmsOf, type CryptoProfile } from './profile';

/**
 * Development KEKs in `<DATA_DIR>/keys/kek.json` (mode 600), one entry per version; a wrapped data
 * key is an envelope (docs/encryption.md) whose key id is the KEK version. Refused when
 * NODE_ENV=production: a key beside the data it protects protects nothing from whoever copies the
 * disk.
 */
type KekFile = { versions: { id: string; secret: string; createdAt: string }[] };

export const LOCAL_KEK_FILE = 'kek.json';

export function createLocalKeyProvider(options: { dataDir: string; profile: CryptoProfile; production: boolean; now?: () => Date }): KeyProvider {
  if (options.production) {
    throw new KeyProviderError('KEY_PROVIDER=local: the development key file is refused when NODE_ENV=production; use KEY_PROVIDER=vault-transit', false);
  }
  const file = path.join(options.dataDir, 'keys', LOCAL_KEK_FILE);
  const alg = algorithmsOf(options.profile).cipher;
  const now = options.now ?? (() => new Date());
  let loaded: Map<string, Buffer> = new Map();
  let current = '';

  const load = () => {
    // Two processes starting at once agree on one file (writeOnce fails on an existing file).
    if (!fs.existsSync(file)) writeOnce(file, JSON.stringify({ versions: [newVersion(1, now())] } satisfies KekFile, null, 2));
    const content = JSON.parse(fs.readFileSync(file, 'utf8')) as KekFile;
    loaded = new Map(content.versions.map((v) => [v.id, Buffer.from(v.secret, 'base64')]));
    current = content.versions.at(-1)!.id;
  };
  const secretOf = (id: string): Buffer => {
    if (!loaded.has(id)) load(); // another process may have rotated
    const secret = loaded.get(id);
    if (!secret) throw new KeyProviderError(`KEK version ${id} is not in ${file}`, false);
    return secret;
  };
  const kek = (id: string): DataKey => prepareDataKey(alg, id, secretOf(id));
  /** A wrap made under the other profile names its own algorithm: it is opened with that one. */
  const openWrap = (key: WrappedKey): Buffer => {
    try {
      const e = parseEnvelope(key.wrapped);
      return open(prepareDataKey(e.alg, e.keyId, secretOf(e.keyId)), e, 'kek-wrap');
    } catch (error) {
      if (error instanceof KeyProviderError) throw error;
      throw new KeyProviderError(`a data key wrapped by ${key.kekId} failed to unwrap (${error instanceof EnvelopeError ? 'malformed' : 'authentication failed'})`, false);
    }
  };
  load();

  return {
    kind: 'local',
    async check() {
      load();
    },
    async currentKekId() {
      load();
      return current;
    },
    async wrap(dataKey, context) {
      load();
      return { kekId: current, wrapped: seal(kek(current), bindContext(dataKey, context), 'kek-wrap') };
    },
    async unwrap(requests) {
      return requests.map(({ key, context }: UnwrapRequest) => unbindContext(openWrap(key), context));
    },
    async rewrap(key) {
      load();
      if (key.kekId === current && key.wrapped.startsWith(`v1.${alg}.`)) return key;
      return { kekId: current, wrapped: seal(kek(current), openWrap(key), 'kek-wrap') };
    },
    owns: (kekId) => /^local-v\d+$/.test(kekId),
    async rotate() {
      load();
      const content = JSON.parse(fs.readFileSync(file, 'utf8')) as KekFile;
      content.versions.push(newVersion(content.versions.length + 1, now()));
      replaceFile(file, content);
      load();
      return current;
    },
  };
}

function newVersion(n: number, at: Date): KekFile['versions'][number] {
  return { id: `local-v${n}`, secret: randomBytes(32).toString('base64'), createdAt: at.toISOString() };
}

/** Replaced atomically (written beside, then renamed), mode 600. */
function replaceFile(file: string, content: KekFile): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
