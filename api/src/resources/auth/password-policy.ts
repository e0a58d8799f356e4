// What a new password must be: at least 10 characters, not the username, and
// not one of the ~49,000 most common passwords of breach corpora (the list
// zxcvbn-ts ships in @zxcvbn-ts/language-common, read offline), also with
// trailing digits and symbols taken off ("rahasia2024!" is "rahasia").
import { dictionary } from '@zxcvbn-ts/language-common';
import { HttpError } from '../../services/http-error';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

/** Why the password is refused (English, for the API's answer), or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (username && lower === username.toLowerCase()) return 'must not be the username';
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const list = commonPasswords();
  if (list.has(lower) || (stem.length >= 4 && list.has(stem)) || /^(.)\1+$/u.test(password)) {
    return 'is too common (it is in a list of passwords attackers try first); choose another';
  }
  return undefined;
}

/** Throws a 422 naming `field` when the password breaks the policy. */
export function checkPasswordPolicy(password: string, field: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new HttpError(422, `${field} ${problem}`, { errors: [{ field, message: problem }] });
}
