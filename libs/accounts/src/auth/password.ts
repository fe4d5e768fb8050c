import { Injectable } from '@nestjs/common';
import { hash, verify, argon2id } from 'argon2';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../account/account-fields';

/** OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms here, which also paces guessing. */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * Makes the hash kept in account_credentials. A provider rather than a function so that a process
 * that creates many accounts with one shared password (the demo year: ~200 accounts, each hash
 * ~40 ms of CPU) can hash it once (AccountsModule.withPasswordHasher). The API and the worker use
 * this one: every password hashed with a salt of its own.
 */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hashPassword(password);
  }
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the username is unknown, so that a wrong username costs the same
 * time as a wrong password and timing does not tell which one it was.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-for-unknown-users');
  return decoy;
}

const COMMON = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwertyuiop', 'admin', 'admin123',
  'administrator', 'changeme', 'change-me', 'letmein', 'welcome', 'iloveyou', 'abc123456', 'a123456789', 'woaini1314',
  'qwe123456', '11111111', '88888888', '00000000', '66666666', 'labourcases', 'labour-cases',
]);


/** Why a password is too weak, or undefined when it will do. */
export function passwordWeakness(password: string, username?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is one of the most common passwords';
  if (username && lower.includes(username.toLowerCase())) return 'must not contain the username';
  if (new Set(password).size < 5) return 'must use at least 5 different characters';
  return undefined;
}
