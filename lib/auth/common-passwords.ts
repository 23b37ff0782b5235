// Refuses the most common passwords (ASVS 6.2.4). The composition rule already forces upper,
// lower, digit and special, so what people actually pick is a common word dressed up to pass it:
// "Password1!", "P@ssw0rd", "Qwerty123$". We undo the dressing (case, leetspeak, trailing digits
// and symbols, a leading capital) and compare the core against the words that top every
// breached-password list.
const COMMON_CORES = new Set(
  `password passw0rd pass passwd pasword qwerty qwertyuiop qwertz azerty asdf asdfgh asdfghjkl
  zxcvbn zxcvbnm letmein welcome welcome1 admin administrator root toor login master hello
  iloveyou love monkey dragon football baseball basketball soccer hockey batman superman
  princess sunshine shadow michael jennifer jordan hunter ranger buster thomas tigger charlie
  summer winter spring autumn secret freedom whatever trustno1 starwars computer internet
  changeme default guest test tester testing user username abc abcd abcdef abcdefg abcdefgh
  abc123 qwe qweasd qazwsx 1qaz2wsx zaq1 zaq12wsx mypassword mustang access flower cheese
  killer pepper ginger chocolate cookie matrix samsung google apple microsoft linux windows
  orange banana purple yellow silver golden diamond angel angels family friends forever
  lovely loveme babygirl jesus christ blessed heaven liverpool chelsea arsenal barcelona
  madrid juventus pokemon naruto minecraft fortnite roblox solo killer1 spiderman ironman
  company office service support system server voximplant switchboard demo example sample`
    .split(/\s+/)
    .filter(Boolean),
);

const LEET: Record<string, string> = { "@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t" };

function core(password: string): string {
  // Strip what people append to pass the rule ("Password123!!") before undoing leetspeak,
  // so that trailing digits are dropped rather than read as letters.
  const trimmed = password.toLowerCase().replace(/[^a-z]+$/, "").replace(/^[^a-z]+/, "");
  return trimmed.replace(/[@4310!$57]/g, (c) => LEET[c] ?? c);
}

/**
 * Why a password is easy to guess: `common`, its core (trimmed of what people append, leetspeak
 * undone) or its letters and digits are on the list; `repeated`, its core is one character
 * repeated (or nothing at all); null when neither.
 */
export function guessablePassword(password: string): "common" | "repeated" | null {
  const c = core(password);
  const plain = password.toLowerCase().replace(/[^a-z0-9]+/g, "");
  if (COMMON_CORES.has(c) || COMMON_CORES.has(plain)) return "common";
  return /^(.)\1*$/.test(c) || c.length === 0 ? "repeated" : null;
}

export function isCommonPassword(password: string): boolean {
  return guessablePassword(password) !== null;
}
