import { createHash } from 'node:crypto';

/**
 * Deterministic ids for demo records (name-based, RFC 4122 version 5 layout), so that tokens
 * printed by `npm start` and examples in the README stay valid across fresh installs.
 */
export function demoUuid(namespace: string, key: string): string {
  const hex = createHash('sha1').update(`hotline-hub-demo:${namespace}:${key}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const unitId = (key: string) => demoUuid('unit', key);
