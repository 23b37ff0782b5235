// Rule patterns: regular expressions on the dialled number or user name. As on the platform,
// a pattern matches the WHOLE string (it is anchored: "1555" does not match "+15551234"; write
// "\+?1555.*" for a prefix), and so does the exclude pattern. A pattern is refused when it does
// not compile (with the engine's message) and when recheck (a maintained ReDoS checker that
// analyses the pattern's automaton) finds catastrophic backtracking or cannot decide; matching
// also refuses inputs longer than MAX_DIALLED_LENGTH, so even a pattern that slipped through
// stays bounded.
import { checkSync } from "recheck";

/** Our cap on a pattern's length (the reference allows 64 kB; a phone pattern is a few dozen characters). */
export const MAX_PATTERN_LENGTH = 2_000;
/** Longer dialled strings match no rule (numbers have at most 15 digits, user names 50 characters). */
export const MAX_DIALLED_LENGTH = 128;

/** The anchored expression a pattern stands for. Throws SyntaxError for a pattern that does not compile. */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** How many times recheckVerdict asks before giving up. */
export const RECHECK_ATTEMPTS = 3;

/**
 * recheck's verdict on an expression. Its checker runs in a worker thread through synckit 0.9,
 * which now and then receives no answer under load and throws "Cannot read properties of
 * undefined (reading 'message')" (un-ts/synckit#185, seen once in our CI): the question is asked
 * again, up to RECHECK_ATTEMPTS times, before the error goes up.
 */
function recheckVerdict(source: string): ReturnType<typeof checkSync> {
  for (let attempt = 1; ; attempt++) {
    try {
      return checkSync(source, "", { timeout: 2_000 });
    } catch (e) {
      if (attempt >= RECHECK_ATTEMPTS) throw e;
    }
  }
}

/** Why a pattern is refused, or null when it is usable (syntax, length, catastrophic backtracking). */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    compilePattern(pattern);
  } catch (e) {
    // V8 says "Invalid regular expression: /^(?:([)$/: Unterminated character class": the engine's
    // reason alone, without the anchored wrapper the user never wrote.
    return `is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "")}`;
  }
  const verdict = recheckVerdict(`^(?:${pattern})$`);
  if (verdict.status === "vulnerable") {
    return `can take exponential or polynomial time to match (catastrophic backtracking, ${verdict.complexity.type}); simplify nested or overlapping repetitions`;
  }
  if (verdict.status === "unknown") return "is too complex to check for catastrophic backtracking; simplify it";
  return null;
}

/** Whether the dialled string matches a rule: its pattern, and not its exclude pattern (when set). */
export function ruleMatches(rule: { pattern: string; patternExclude: string }, dialled: string): boolean {
  if (dialled.length > MAX_DIALLED_LENGTH) return false;
  try {
    if (!compilePattern(rule.pattern).test(dialled)) return false;
    return rule.patternExclude === "" || !compilePattern(rule.patternExclude).test(dialled);
  } catch {
    // A stored pattern that no longer compiles (it was validated when saved) matches nothing.
    return false;
  }
}
