import type { Pool } from 'pg';
import type { Clock } from '../clock';
import type { CryptoSettings } from '../config';
import { loadBlindIndex, type BlindIndex } from './blind-index';
import { createFieldCipher, type FieldCipher } from './field-cipher';
import type { KeyProvider } from './key-provider';
import { createKeyring, type Keyring } from './keyring';
import { createLocalKeyProvider } from './local-key-provider';
import { algorithmsOf, assertNever, type ProfileAlgorithms } from './profile';
import { createVaultTransitProvider } from './vault-transit-provider';

/**
 * Everything a subgraph needs to keep personal data encrypted at rest, built from the validated
 * configuration: the profile's algorithms, the key provider, the keyring over crypto.data_key, the
 * field cipher and the blind index. One per process; the pool must reach the `crypto` schema.
 */
export type HubCrypto = Readonly<{
  algorithms: ProfileAlgorithms;
  provider: KeyProvider;
  keyring: Keyring;
  fields: FieldCipher;
  blindIndex: BlindIndex;
}>;

export function createKeyProvider(settings: CryptoSettings, options: { dataDir: string; production: boolean }): KeyProvider {
  const p = settings.keyProvider;
  switch (p.kind) {
    case 'local':
      return createLocalKeyProvider({ dataDir: options.dataDir, profile: settings.profile, production: options.production });
    case 'vault-transit':
      return createVaultTransitProvider({ url: p.url, token: p.token, keyName: p.keyName, mount: p.mount, caFile: p.caFile, timeoutMs: p.timeoutMs, profile: settings.profile });
    default:
      return assertNever(p);
  }
}

export async function openCrypto(settings: CryptoSettings, deps: { pool: Pool; clock: Clock; dataDir: string; production: boolean }): Promise<HubCrypto> {
  const provider = createKeyProvider(settings, deps);
  // Fail at start-up, naming the setting, rather than at the first caller's read.
  await provider.check();
  const keyring = createKeyring({ pool: deps.pool, provider, profile: settings.profile, clock: deps.clock, cacheSeconds: settings.keyCacheSeconds });
  return Object.freeze({
    algorithms: algorithmsOf(settings.profile),
    provider,
    keyring,
    fields: createFieldCipher(keyring),
    blindIndex: await loadBlindIndex(keyring),
  });
}
