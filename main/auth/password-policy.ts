import { passwordShapeProblem } from '../../preload/schemas/password-rules';
import { DomainError } from '../errors/domain-error';
import commonPasswordList from './common-passwords.json';

/** Whose password it is: attackers try the account's own words first. */
export interface PasswordOwner {
  email: string;
  organizationName: string | null;
}

// SecLists' 10,000 most common passwords (scripts/security/build-common-passwords.mjs).
const commonPasswords = new Set<string>(commonPasswordList);

// Runs people type believing they are random: keyboard rows and columns, the alphabet, digits.
const RUNS = ['`1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./', 'qwertyuiopasdfghjklzxcvbnm', 'qazwsxedcrfvtgbyhnujmikolp', 'abcdefghijklmnopqrstuvwxyz', '01234567890123456789'];
const RUNS_BOTH_WAYS = [...RUNS, ...RUNS.map((run) => [...run].reverse().join(''))];

// The substitutions every cracking rule set tries ("p@ssw0rd"); 1 stands for i and for l.
const LEET: Record<string, string> = { '0': 'o', '3': 'e', '4': 'a', '@': 'a', '5': 's', $: 's', '7': 't', '!': 'i' };

// Words many organization names share; a password holding one of them says nothing about this one.
const GENERIC_ORGANIZATION_WORDS = new Set(['school', 'schools', 'district', 'unified', 'public', 'county', 'city', 'academy', 'college', 'university', 'elementary', 'middle', 'high']);

const COMMON = 'This password is among the most used and is tried first by attackers. Choose another: a few unrelated words are strong and easy to remember.';
const PATTERN = 'This password is a repeated or sequential run of characters, which attackers try first. Choose another.';
const EMAIL = 'This password contains the name of its email address, which attackers try first. Choose another.';
const ORGANIZATION = "This password contains the organization's name, which attackers try first. Choose another.";

const lettersAndDigits = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

// Cracking rules put a few digits or symbols before a word and up to a year and "!!" after it.
const DECORATED = /^[^\p{L}]{0,4}(.*?)[^\p{L}]{0,8}$/su;

/** The word inside the decoration people add to it ("Welcome2024!" → "welcome"). */
function core(text: string): string {
  return DECORATED.exec(text)?.[1] ?? text;
}

function deLeet(text: string): string[] {
  const mapped = [...text].map((c) => LEET[c] ?? c).join('');
  return [mapped.replaceAll('1', 'i'), mapped.replaceAll('1', 'l')];
}

function isCommon(word: string): boolean {
  if (commonPasswords.has(word)) return true;
  // Two common passwords run together ("dragonmonkey"); apart, they are words of a passphrase.
  if (/\s/.test(word)) return false;
  for (let i = 3; i <= word.length - 3; i++) {
    if (commonPasswords.has(word.slice(0, i)) && commonPasswords.has(word.slice(i))) return true;
  }
  return false;
}

function isPattern(text: string): boolean {
  const length = [...text].length;
  for (let unit = 1; unit <= length / 2; unit++) {
    if (length % unit === 0 && text.slice(0, unit).repeat(length / unit) === text) return true;
  }
  return RUNS_BOTH_WAYS.some((run) => run.includes(text));
}

/** Why this password is refused, in a sentence for the admin, or null when it may be used. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  const shape = passwordShapeProblem(password);
  if (shape) return shape;
  const lower = password.normalize('NFKC').toLowerCase();
  const compact = lower.replace(/\s+/g, '');
  if (isPattern(compact)) return PATTERN;
  const stripped = core(compact);
  if ([...stripped].length >= 4 && isPattern(stripped)) return PATTERN;
  const spaced = core(lower);
  const candidates = new Set([lower, spaced, ...deLeet(spaced), ...deLeet(lower).map(core)]);
  // Without its spaces, only a whole common password counts ("pass word 1234").
  const squeezed = new Set([compact, stripped, ...deLeet(stripped)]);
  if ([...candidates].some(isCommon) || [...squeezed].some((word) => commonPasswords.has(word))) return COMMON;

  const letters = lettersAndDigits(password);
  const local = owner.email.split('@')[0] ?? '';
  const localParts = [lettersAndDigits(local), ...local.split(/[._+-]/).map(lettersAndDigits).filter((part) => part.length >= 4)];
  if (localParts.some((part) => part.length >= 3 && letters.includes(part))) return EMAIL;

  if (owner.organizationName) {
    const whole = lettersAndDigits(owner.organizationName);
    const words = owner.organizationName
      .split(/\s+/)
      .map(lettersAndDigits)
      .filter((word) => word.length >= 4 && !GENERIC_ORGANIZATION_WORDS.has(word));
    if ((whole.length >= 3 && letters.includes(whole)) || words.some((word) => letters.includes(word))) return ORGANIZATION;
  }
  return null;
}

/** Refuses, as a VALIDATION error on the password field, a password `passwordProblem` finds fault with. */
export function requireAcceptablePassword(password: string, owner: PasswordOwner): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw new DomainError('VALIDATION', problem, [{ path: 'password', message: problem }]);
}
