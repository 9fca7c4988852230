import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { sandboxErrorMessages } from './sandbox-error-messages';
import type { SandboxFault } from './sandbox-faults';
import { sendJson } from './sandbox-response';

/**
 * Serves an injected fault; false when the request should still get its normal answer.
 *
 * A slow fault only delays the answer, so the caller goes on to answer normally.
 */
export async function answerWithFault(fault: SandboxFault, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'slow':
      await delay(fault.delayMs);
      return false;
    case 'drop-connection':
      request.socket.destroy();
      return true;
    case 'unavailable':
      response.writeHead(503, { 'Content-Type': 'text/plain', ...retryAfterHeader(fault.retryAfter) });
      response.end('Service Unavailable');
      return true;
    case 'rate-limited':
      sendJson(response, 429, appleError(9646), retryAfterHeader(fault.retryAfter));
      return true;
    case 'internal-error':
      sendJson(response, 500, appleError(9603));
      return true;
    case 'malformed-json':
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"assets":[{"adamId":"36');
      return true;
    case 'error-body':
      sendJson(response, fault.httpStatus ?? 200, appleError(fault.errorNumber));
      return true;
  }
}

function appleError(errorNumber: number): object {
  return { errorNumber, errorMessage: sandboxErrorMessages[errorNumber] ?? 'Error' };
}

function retryAfterHeader(retryAfter: string | undefined): Record<string, string> {
  return retryAfter === undefined ? {} : { 'Retry-After': retryAfter };
}
