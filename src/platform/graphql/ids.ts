import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The uuid behind a global id of `typename` that a client sent in `field`. An id that does not
 * decode, names another type or no uuid is the client's mistake (BAD_USER_INPUT); a well-formed id
 * of a record the caller may not see is answered like a missing one by the caller of this function.
 */
export function localIdOf(typename: string, globalId: string, field: string): string {
  const id = fromGlobalId(typename, globalId);
  if (!id || !UUID.test(id)) throw badInput(field, `is not a ${typename} id returned by this API`);
  return id;
}
