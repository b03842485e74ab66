/**
 * GB/T 2260 ancestors of a six-digit region code, province first: 141102 → 140000, 141100, 141102.
 * A partner's record carries the path of its region from the moment it arrives, so a partner
 * account of a city (141100) sees it and another city's does not (policies/: region on every row).
 */
export function regionPathOf(code: string): string[] {
  const path = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code.slice(0, 6)];
  return [...new Set(path)];
}
