import { sandboxErrorMessages } from './sandbox-error-messages';

/** An error answer the sandbox gives the way Apple does: HTTP status plus `{errorNumber, errorMessage}`. */
export class SandboxAppleError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly errorNumber: number,
    message: string = sandboxErrorMessages[errorNumber] ?? 'Error',
  ) {
    super(message);
    this.name = 'SandboxAppleError';
  }
}
