import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../core/problems.js';

/** Long enough that a passphrase of a few words fits and a short guessable word does not. */
export const MIN_PASSWORD_LENGTH = 12;
/** argon2 takes any length; a cap keeps one request from costing more than a sign-in should. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended
 * minimum); the PHC string it returns carries its salt and parameters.
 */
export async function hashPassword(password: string): Promise<string> {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new ValidationError([
      {
        field: 'password',
        message: `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`,
      },
    ]);
  }
  return hash(password);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false;
  return verify(passwordHash, password);
}
