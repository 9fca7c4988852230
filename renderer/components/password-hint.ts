/**
 * The password rule as the forms word it before anything is sent.
 *
 * Main enforces the rule (preload/contract.ts); the renderer may not import values from the
 * contract, so a test keeps this number equal to the contract's.
 */
export const MIN_PASSWORD_LENGTH_HINT = 12;
export const passwordHint = `At least ${MIN_PASSWORD_LENGTH_HINT} characters, and not a commonly used password: a few unrelated words work well.`;
