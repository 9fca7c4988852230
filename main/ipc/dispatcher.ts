import type { z } from 'zod';
import { channels, isChannel, type Channel, type Result } from '../../preload/contract';
import { DomainError } from '../errors/domain-error';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { HandlerTable } from './handler-types';

export interface DispatcherDeps {
  handlers: HandlerTable;
  /** The admin signed in on this client, if any. */
  sessionAdmin: (clientId: string) => SignedInAdmin | null;
  /** Why a client without an admin was signed out (its session expired or was ended), if it was. */
  signedOutReason?: (clientId: string) => string | null;
  /** Where unexpected failures are written; they reach the renderer only as INTERNAL. */
  logError: (message: string, error: unknown) => void;
}

export type Dispatch = (channel: string, rawInput: unknown, clientId: string) => Promise<Result<unknown>>;

function validationFailure(message: string, error: z.ZodError): Result<never> {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = details[0];
  const specific = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : message;
  return { ok: false, error: { code: 'VALIDATION', message: specific, details } };
}

/**
 * The one way into main's domain, shared by Electron IPC and browser mode.
 *
 * It refuses unknown channels and bad input before any handler runs, checks the session
 * for admin channels, and turns every failure into a stable `{ ok: false, error }`.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  return async (channelName, rawInput, clientId) => {
    if (!isChannel(channelName)) {
      return { ok: false, error: { code: 'VALIDATION', message: `Unknown request "${channelName}".` } };
    }
    const spec = channels[channelName];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return validationFailure('The request was not valid.', parsed.error);

    const admin = deps.sessionAdmin(clientId);
    if (spec.access === 'admin' && !admin) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: deps.signedOutReason?.(clientId) ?? 'Please sign in again.' } };
    }

    try {
      const handler = deps.handlers[channelName] as (input: unknown, context: unknown) => unknown;
      const value = await handler(parsed.data, { clientId, admin });
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        deps.logError(`Handler for ${channelName as Channel} returned a value outside its contract`, checked.error);
        return internalFailure();
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof DomainError) {
        return {
          ok: false,
          error: error.details === undefined
            ? { code: error.code, message: error.message }
            : { code: error.code, message: error.message, details: error.details },
        };
      }
      deps.logError(`Handler for ${channelName} failed`, error);
      return internalFailure();
    }
  };
}

function internalFailure(): Result<never> {
  return {
    ok: false,
    error: { code: 'INTERNAL', message: 'Something went wrong inside the app. The details were written to its log.' },
  };
}
