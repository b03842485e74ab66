import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';

/** Relay global ids: `base64("Case:<uuid>")`. Every subgraph agrees on them, so they are federation keys. */
export function toGlobalId(typename: string, id: string): string {
  return encodeGlobalID(typename, id);
}

/** The local id behind a global id of `typename`, or null for anything else (reads as "not found"). */
export function fromGlobalId(typename: string, globalId: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename && decoded.id ? decoded.id : null;
  } catch {
    return null;
  }
}
