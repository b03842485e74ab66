import { badInput } from '../platform/graphql/errors';
import { normalisePhone } from '../platform/pii';

/** Input checks that name the field and the reason (BAD_USER_INPUT), shared by the mutations. */
export function requiredText(field: string, value: string | null | undefined, { min = 1, max }: { min?: number; max: number }): string {
  const text = (value ?? '').trim();
  if (text.length < min) throw badInput(field, min <= 1 ? 'is required' : `must be at least ${min} characters`);
  if ([...text].length > max) throw badInput(field, `must be at most ${max} characters`);
  return text;
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | undefined {
  if (value == null || value.trim() === '') return undefined;
  return requiredText(field, value, { max });
}

export function phoneNumber(field: string, value: string | null | undefined): string | undefined {
  if (value == null || value.trim() === '') return undefined;
  const digits = normalisePhone(value);
  if (!/^\d{7,15}$/.test(digits)) throw badInput(field, 'must be a phone number of 7 to 15 digits');
  return digits;
}

/** Resident ID number: 18 characters with a valid GB 11643 checksum (or the old 15-digit form). */
export function idNumber(field: string, value: string | null | undefined): string | undefined {
  if (value == null || value.trim() === '') return undefined;
  const id = value.trim().toUpperCase();
  if (/^\d{15}$/.test(id)) return id;
  if (!/^\d{17}[\dX]$/.test(id)) throw badInput(field, 'must be an 18-character resident ID number');
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...id.slice(0, 17)].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  if ('10X98765432'[sum % 11] !== id[17]) throw badInput(field, 'has an invalid check digit');
  return id;
}

/** Unified social credit code (统一社会信用代码): 18 characters of digits and capitals without I, O, Z, S, V. */
export function enterpriseCode(field: string, value: string | null | undefined): string | undefined {
  if (value == null || value.trim() === '') return undefined;
  const code = value.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) throw badInput(field, 'must be an 18-character unified social credit code');
  return code;
}

export function regionCode(field: string, value: string): string {
  if (!/^\d{6}$/.test(value)) throw badInput(field, 'must be a six-digit GB/T 2260 region code');
  return value;
}
