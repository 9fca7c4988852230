import { CONTROL_CHARACTERS } from './control-characters';

/**
 * The password rules that need no list: checked by the contract's schema (so a form shows them
 * on its field) and again in main, next to the common-password list.
 */

/** What is wrong with the password's shape, in a sentence for the admin, or null. */
export function passwordShapeProblem(password: string): string | null {
  if (CONTROL_CHARACTERS.test(password)) {
    return 'A password cannot contain control characters such as NUL, tabs or line breaks. Use letters, digits, spaces and symbols.';
  }
  if (password.trim() === '') return 'A password needs letters, digits or symbols, not only spaces.';
  if (new Set(password).size === 1) return 'A password of one character repeated is guessed at once. Choose another.';
  return null;
}
