import { DecryptionError, open, prepareDataKey, seal } from './cipher';
import { parseEnvelope } from './envelope';
import { UnknownKeyError, type Keyring } from './keyring';
import { isCipherAlg } from './profile';

/**
 * Encrypts and opens personal data fields. `scope` picks the data key (`case:<id>` for a case's
 * personal data, so the case can be crypto-shredded alone; `column:<name>` otherwise); `context`
 * names where the value lives (`<schema>.<table>.<column>`) and is authenticated with it, so a value
 * copied into another field does not open. Errors name the key id, never the value.
 */
export type OpenedValue = Readonly<{ state: 'clear'; value: string }> | Readonly<{ state: 'erased'; erasedAt: Date }>;

export class ErasedValueError extends Error {
  constructor(
    readonly keyId: string,
    readonly erasedAt: Date,
  ) {
    super(`the value under key ${keyId} was erased (its key was destroyed ${erasedAt.toISOString()})`);
    this.name = 'ErasedValueError';
  }
}

export type FieldCipher = ReturnType<typeof createFieldCipher>;

export function createFieldCipher(keyring: Keyring) {
  const openMany = async (items: readonly { value: string; context: string }[]): Promise<OpenedValue[]> => {
    const parsed = items.map((item) => parseEnvelope(item.value));
    const keys = await keyring.lookupMany(parsed.map((e) => e.keyId));
    return parsed.map((e, i) => {
      const key = keys.get(e.keyId);
      if (!key) throw new UnknownKeyError(e.keyId);
      if (key.state === 'destroyed') return { state: 'erased', erasedAt: key.destroyedAt };
      if (!isCipherAlg(key.alg) || key.alg !== e.alg) throw new DecryptionError(e.keyId);
      return { state: 'clear', value: open(prepareDataKey(key.alg, e.keyId, key.secret), e, items[i]!.context).toString('utf8') };
    });
  };
  return {
    keyring,
    async encrypt(value: string, where: { scope: string; context: string }): Promise<string> {
      return seal(await keyring.current(where.scope), Buffer.from(value, 'utf8'), where.context);
    },
    /** Opens one value; an erased one throws ErasedValueError. */
    async decrypt(value: string, context: string): Promise<string> {
      const [opened] = await openMany([{ value, context }]);
      if (opened!.state === 'erased') throw new ErasedValueError(parseEnvelope(value).keyId, opened!.erasedAt);
      return opened!.value;
    },
    /** Opens a page of values with one key-store query and at most one provider round trip. */
    decryptMany: openMany,
    /** True when `value` is already under the current profile's active key of `scope`. */
    async isCurrent(value: string, scope: string): Promise<boolean> {
      const key = await keyring.current(scope);
      const e = parseEnvelope(value);
      return e.keyId === key.id && e.alg === key.alg;
    },
  };
}
