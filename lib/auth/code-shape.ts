// What a typed two-step code looks like, with no dependencies: the login form's schema checks the
// shape (lib/domains/accounts/schemas.ts), lib/auth/two-step.ts checks the code itself.

/** Six digits, spaces allowed ("123 456", as some apps show it). */
export function isTotpShaped(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}

// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or written down survives.
export const RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A typed recovery code in its canonical form (upper case, no spaces or hyphens, and the
 * letters people confuse with digits read as those digits), or null when it cannot be one.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  return s.length === 16 && [...s].every((c) => RECOVERY_ALPHABET.includes(c)) ? s : null;
}

