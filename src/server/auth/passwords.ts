/**
 * Staff passwords: the rules a new one must meet (OWASP ASVS 5.0 6.2.1, 6.2.4, 6.2.9: at least 8 characters, 15
 * suggested, long ones welcome, none of the commonly used ones), and hashing with argon2id (@node-rs/argon2, a
 * prebuilt native binary). A password is never logged, stored or shown: only its hash is kept.
 */
import { hash, parseOptions, verify, type Options } from '@node-rs/argon2';
import { createRequire } from 'node:module';

/**
 * argon2id with 64 MiB of memory, 3 passes, 1 lane: RFC 9106's second recommended setting, with one lane because the
 * server has two cores and signs in one person at a time. Measured on this machine by `npm run bench -- … staff`:
 * about 100 ms a hash (OWASP's minimum, 19 MiB × 2, took 20 ms). A stored hash made with other costs still verifies
 * and is made again with these at the next sign-in (see needsRehash).
 */
export const ARGON2_COST = {
  // Algorithm.Argon2id: the package's enum is a const enum, which a file compiled on its own cannot read.
  algorithm: 2,
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 1,
} as const satisfies Options;

export const PASSWORD_RULES = {
  minLength: 8,
  suggestedLength: 15,
  /** Long passphrases are welcome; the limit only stops a megabyte being hashed. */
  maxLength: 256,
};

/**
 * Passwords people choose most often, in order of how common they are (zxcvbn-ts's list, from leaked-password
 * counts). All of them are refused, not only the 3,000 most common ASVS asks for: each is guessed within minutes.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
    common = new Set(dictionary['passwords-common'] ?? []);
  }
  return common;
}

/** What is wrong with a new password, in words for the person choosing it; undefined when it may be used. */
export function passwordProblem(password: string, email = ''): string | undefined {
  const length = [...password].length;
  if (length === 0) return 'Enter a password';
  if (length < PASSWORD_RULES.minLength)
    return `Your password must be at least ${PASSWORD_RULES.minLength} characters long. A short sentence of ${PASSWORD_RULES.suggestedLength} or more is easier to remember and harder to guess`;
  if (length > PASSWORD_RULES.maxLength) return `Your password must be ${PASSWORD_RULES.maxLength} characters or fewer`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/[0-9!]+$/, '')))
    return 'That password is one of the most commonly used, so it is easy to guess. Choose another, such as three or four words you will remember';
  const name = email.toLowerCase().split('@')[0] ?? '';
  if (name.length >= 4 && lower.includes(name))
    return 'Your password must not contain your email address. Choose another';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_COST);
}

/**
 * A hash of a password nobody knows, made once: an email address with no account is checked against it, so signing
 * in takes as long whether or not the account exists (nothing is learnt from the time a refusal takes).
 */
let unknownAccountHash: Promise<string> | undefined;

/** True when `password` matches `stored`; with no stored hash, spends the same time and says false. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  unknownAccountHash ??= hashPassword(`no account ${Math.random()}`);
  const against = stored ?? (await unknownAccountHash);
  try {
    const ok = await verify(against, password.normalize('NFC'));
    return ok && Boolean(stored);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other costs than ARGON2_COST (so it is made again at sign-in). */
export function needsRehash(stored: string): boolean {
  try {
    const made = parseOptions(stored);
    return (
      made.memoryCost !== ARGON2_COST.memoryCost ||
      made.timeCost !== ARGON2_COST.timeCost ||
      made.parallelism !== ARGON2_COST.parallelism ||
      Number(made.algorithm) !== ARGON2_COST.algorithm
    );
  } catch {
    return true;
  }
}
