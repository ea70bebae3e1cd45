/**
 * The optional second step at sign-in (OWASP ASVS 6.3.3): a six-digit code from an authenticator app (TOTP, RFC 6238,
 * by `otpauth`), which any phone or password manager can make. Each code works once (its time step is recorded), and
 * one step either side of now is accepted for a phone whose clock is a little out. An organisation can make it
 * required for everyone (staff.requireSecondStep in site.yml).
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newSecondStepSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** "otpauth://totp/…": what an authenticator app is given (as a link, or typed in as the secret). */
export function authenticatorUri(secret: string, email: string, issuer: string): string {
  return new TOTP({ issuer, label: email, secret: Secret.fromBase32(secret), period: PERIOD }).toString();
}

/** The secret in groups of four, easier to read out and type: "ABCD EFGH …". */
export const groupedSecret = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

/** A secret as newSecondStepSecret makes them (20 bytes in base32), and nothing else. */
export function isSecondStepSecret(value: string | null | undefined): value is string {
  return /^[A-Z2-7]{32}$/.test(value ?? '');
}

/** What a page shows to set the second step up: the secret, in groups of four, and as an otpauth: link. */
export interface SecondStepSetUp {
  secret: string;
  grouped: string;
  uri: string;
}

export function secondStepSetUp(secret: string, email: string, issuer: string): SecondStepSetUp {
  return { secret, grouped: groupedSecret(secret), uri: authenticatorUri(secret, email, issuer) };
}

/** The time step of a correct code (to record, so it is not used again), or undefined. */
export function checkCode(secret: string, code: string, now = Date.now()): number | undefined {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), period: PERIOD, timestamp: now, window: 1 });
  return delta === null ? undefined : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** The code for a moment (tests, and the bench's simulated staff member). */
export function codeAt(secret: string, now = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), period: PERIOD, timestamp: now });
}
