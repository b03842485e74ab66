/**
 * Break-glass (revealCallerContact): a record the hotline has released in clear for this request,
 * after checking the `reveal` permission on it and recording the reason. The field guard reads
 * such a record's contact fields as ALLOWED and audits them under the operation `revealCallerContact`.
 */
const REVEALED = Symbol('revealed');

export function markRevealed<T extends object>(record: T): T {
  Object.defineProperty(record, REVEALED, { value: true, enumerable: false });
  return record;
}

export function isRevealed(record: object): boolean {
  return (record as Record<symbol, unknown>)[REVEALED] === true;
}
