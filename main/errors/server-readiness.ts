import type { z } from 'zod';
import type { ServerReadiness as ServerReadinessSchema } from '../../preload/schemas/settings-schemas';
import { DomainError } from './domain-error';

/**
 * Whether a server the work needs (the MDM server for commands, the mail server for
 * invitation emails) can be used now, and if not, the sentence why.
 */
export type ServerReadiness = { state: 'ready' } | { state: 'not-set-up' | 'failing'; error: DomainError };

export type ServerReadinessView = z.output<typeof ServerReadinessSchema>;

/** A server that can tell, by the same harmless check as Settings' test, whether it is usable. */
export interface ReadinessCheck {
  readiness(): Promise<ServerReadiness>;
}

/**
 * The server's state as a preview shows it: tested now when the work would use it,
 * 'not-needed' (and not tested) otherwise.
 */
export async function previewReadiness(server: ReadinessCheck, needed: boolean): Promise<ServerReadinessView> {
  if (!needed) return { state: 'not-needed', message: null };
  const readiness = await server.readiness();
  return readiness.state === 'ready' ? { state: 'ready', message: null } : { state: readiness.state, message: readiness.error.message };
}

/**
 * Refuses, with the server's own sentence and what was (not) done, unless the server is
 * usable now. Called before anything is asked of Apple.
 */
export async function requireReady(server: ReadinessCheck, consequence: string): Promise<void> {
  const readiness = await server.readiness();
  if (readiness.state !== 'ready') throw new DomainError(readiness.error.code, `${readiness.error.message} ${consequence}`);
}
