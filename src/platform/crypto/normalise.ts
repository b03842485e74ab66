/**
 * Normalisation before a blind index (docs/encryption.md, "Blind indexes"): two spellings of one
 * identifier must give one index, or a lookup silently misses. Every function starts with NFKC, which
 * folds full-width digits and letters (１３８, Ｘ) typed by an IME into their ASCII forms.
 */

/**
 * Phone numbers: `+86 138-0013-8000`, `0086 13800138000`, `（010）1234 5678` → digits only, without
 * the country prefix +86 / 0086 / 86 (only when what remains is an 11-digit mobile number or a
 * landline with its leading 0 dropped by the international form).
 */
export function normalisePhone(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/[^\d]/g, '');
  let national: string;
  if (digits.startsWith('0086')) national = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 12) national = digits.slice(2);
  else return digits;
  // The international form drops a landline's trunk 0 (+86 10 1234 5678): put it back, as dialled at home.
  return /^1\d{10}$/.test(national) || national.startsWith('0') ? national : `0${national}`;
}

/** Resident ID numbers (GB 11643): spaces dropped, the check character x upper-cased. */
export function normaliseIdNumber(id: string): string {
  return id.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Names: NFKC and trimmed; inner spaces kept (`Li Ming` and `LiMing` are different spellings). */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim();
}

/** Addresses: NFKC, every whitespace removed (Chinese addresses are written without spaces; callers type them anyway). */
export function normaliseAddress(address: string): string {
  return address.normalize('NFKC').replace(/\s+/g, '');
}
