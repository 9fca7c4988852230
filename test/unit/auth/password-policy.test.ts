import { describe, expect, it } from 'vitest';
import commonPasswords from '../../../main/auth/common-passwords.json';
import { passwordProblem } from '../../../main/auth/password-policy';
import { channels } from '../../../preload/contract';

const ada = { email: 'ada.lovelace@springfield.edu', organizationName: 'Springfield Unified School District' };
const COMMON = /^This password is among the most used and is tried first by attackers\. Choose another/;
const PATTERN = /^This password is a repeated or sequential run of characters/;

describe('password policy', () => {
  it('refuses what the issue found accepted: twelve spaces, twelve NULs, password1234', () => {
    expect(passwordProblem(' '.repeat(12), ada)).toBe('A password needs letters, digits or symbols, not only spaces.');
    expect(passwordProblem('\u0000'.repeat(12), ada)).toMatch(/^A password cannot contain control characters such as NUL/);
    expect(passwordProblem('password1234', ada)).toMatch(COMMON);
  });

  it('refuses a NUL or line break anywhere, and one character repeated', () => {
    expect(passwordProblem('a long pass\u0000phrase here', ada)).toMatch(/control characters/);
    expect(passwordProblem('a long pass\nphrase here', ada)).toMatch(/control characters/);
    expect(passwordProblem('zzzzzzzzzzzz', ada)).toBe('A password of one character repeated is guessed at once. Choose another.');
  });

  it('refuses common passwords however they are dressed up', () => {
    for (const password of ['baseball1234', 'Password1234', 'P@ssw0rd2024!', 'Welcome2024!!', 'iloveyou2024', '123monkey4567', 'dragonmonkey12', 'trustno1monkey', 'pass word 1234']) {
      expect(passwordProblem(password, ada), password).toMatch(COMMON);
    }
  });

  it('refuses repeated and sequential runs', () => {
    for (const password of ['123456789012', 'abcabcabcabc', 'qwertyuiop12', 'zyxwvutsrqpo', 'asdfghjkl;\'!']) {
      expect(passwordProblem(password, ada), password).toMatch(PATTERN);
    }
  });

  it("refuses a password holding the email's name or the organization's", () => {
    expect(passwordProblem('lovelace-rocks-99', ada)).toMatch(/contains the name of its email address/);
    expect(passwordProblem('ADA.LOVELACE rules', ada)).toMatch(/contains the name of its email address/);
    expect(passwordProblem('go springfield go!', ada)).toMatch(/organization's name/);
    // Words many organizations share say nothing about this one.
    expect(passwordProblem('our school garden 77', ada)).toBeNull();
  });

  it('accepts passphrases and random passwords', () => {
    for (const password of ['correct horse battery', 'school admin password', 'teacher password 1', 'Tr0ub4dor&3xyz', '741852963000', 'violet kettle under rain']) {
      expect(passwordProblem(password, ada), password).toBeNull();
    }
  });

  it('ships the 10,000 most common passwords, lower-cased and without repeats', () => {
    expect(commonPasswords).toHaveLength(10_000);
    expect(new Set(commonPasswords).size).toBe(10_000);
    expect(commonPasswords.slice(0, 3)).toEqual(['password', '123456', '12345678']);
    expect(commonPasswords.every((entry) => entry === entry.toLowerCase().trim() && entry !== '')).toBe(true);
  });

  it("the contract's schema refuses the shapes before main sees them", () => {
    const create = channels['admins.create'].input;
    const refused = (password: string) => create.safeParse({ name: 'Bob', email: 'bob@s.edu', password, directGroupIds: [1] });
    expect(refused(' '.repeat(12)).error?.issues[0]?.message).toBe('A password needs letters, digits or symbols, not only spaces.');
    expect(refused('\u0000'.repeat(12)).error?.issues[0]?.message).toMatch(/control characters/);
    expect(refused('correct horse battery').success).toBe(true);
  });
});
