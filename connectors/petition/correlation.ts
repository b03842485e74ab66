import { createPiiHasher } from '../../src/platform/pii';
import { petitionCategoryOf } from './mapping';

/**
 * 信访关联键 — the privacy-preserving correlation key of the petition channel check. Both sides hold
 * the same secret key (agreed with the petition bureau, rotated like any partner secret) and derive,
 * from the normalised phone and ID number, keyed HMAC-SHA256 values that match without revealing the
 * identifiers: a plain hash of a phone number is reversed by enumerating 10¹¹ numbers, an HMAC is
 * not without the key. The key travels with the region (city), the petition category and a time
 * window — never the raw phone or ID number, and the hub stores none of it.
 */
export type CorrelationKey = {
  keys: { phone?: string; idNumber?: string };
  /** The city (GB/T 2260, six digits) the matter belongs to. */
  region: string;
  /** The petition system's category, mapped from the hotline's catalog (mapping.ts); absent = any. */
  category?: string;
  window: { from: string; to: string };
};

export type CorrelationInput = {
  phone?: string;
  idNumber?: string;
  /** The case's region path (province, city, district …). */
  regionPath: string[];
  region: string;
  categoryCode?: string;
  occurredAt: Date;
};

export function correlationKey(secret: Buffer, input: CorrelationInput, windowDays: number): CorrelationKey {
  const hasher = createPiiHasher(secret);
  const keys: CorrelationKey['keys'] = {};
  if (input.phone) keys.phone = hasher.phone(input.phone);
  if (input.idNumber) keys.idNumber = hasher.idNumber(input.idNumber);
  const to = input.occurredAt;
  const from = new Date(to.getTime() - windowDays * 86_400_000);
  return {
    keys,
    region: cityOf(input.regionPath, input.region),
    category: input.categoryCode ? petitionCategoryOf(input.categoryCode) : undefined,
    window: { from: from.toISOString(), to: to.toISOString() },
  };
}

/** The city of a region path: [province, city, district …] → city; a city code is itself. */
export function cityOf(regionPath: readonly string[], region: string): string {
  return regionPath.find((code) => /^\d{4}00$/.test(code) && !/^\d{2}0000$/.test(code)) ?? `${region.slice(0, 4)}00`;
}
