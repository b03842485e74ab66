/**
 * Masking rules of docs/domain.md ("Personal data"): phone 138****1234, ID 1101**********123X, name 张*,
 * address cut to community level. Pure functions of the value; which one applies is decided by the
 * field classification (fields.ts).
 */
export type MaskKind = 'phone' | 'idNumber' | 'name' | 'address' | 'text' | 'code' | 'empty';

/** Masks a string value. `empty` (lists, connections) is applied by the field guard, by type. */
export function mask(kind: Exclude<MaskKind, 'empty'>, value: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'idNumber':
      return maskIdNumber(value);
    case 'name':
      return maskName(value);
    case 'address':
      return maskAddress(value);
    case 'code':
      return value.length <= 6 ? '*'.repeat(value.length) : `${value.slice(0, 4)}${'*'.repeat(value.length - 6)}${value.slice(-2)}`;
    case 'text':
      return '（内容已按权限隐去）';
  }
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s|-/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
  return '*'.repeat(digits.length);
}

export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  // Keep the surname (or initial) and one star, whatever the length: the length is information too.
  return `${chars[0]}*`;
}

/**
 * Keeps the address down to the community (社区/村/小区) and drops building, unit and room:
 * "深圳市南山区粤海街道科技园社区科苑路15号3栋502" → "深圳市南山区粤海街道科技园社区***".
 */
export function maskAddress(address: string): string {
  const match = /^(.*?(社区|村委会|村|小区|居委会|花园|苑))/.exec(address);
  if (match && match[1]!.length < address.length) return `${match[1]}***`;
  const street = /^(.*?(街道|镇|乡))/.exec(address);
  if (street) return `${street[1]}***`;
  return `${[...address].slice(0, 6).join('')}***`;
}
