import type { z } from 'zod';
import type { MdmReadiness as MdmReadinessSchema } from '../../preload/schemas/settings-schemas';
import { DomainError } from '../errors/domain-error';
import type { MdmDelivery } from './mdm-adapter';

export type MdmReadinessView = z.output<typeof MdmReadinessSchema>;

/**
 * The MDM server's state as a preview shows it: tested now when the work would send it
 * commands, 'not-needed' (and not tested) otherwise.
 */
export async function previewMdmReadiness(mdm: Pick<MdmDelivery, 'readiness'>, needed: boolean): Promise<MdmReadinessView> {
  if (!needed) return { state: 'not-needed', message: null };
  const readiness = await mdm.readiness();
  return readiness.state === 'ready' ? { state: 'ready', message: null } : { state: readiness.state, message: readiness.error.message };
}

/**
 * Refuses, with the server's own sentence and what was (not) done, unless the MDM server is
 * usable now. Called before anything is asked of Apple.
 */
export async function requireMdmReady(mdm: Pick<MdmDelivery, 'readiness'>, consequence: string): Promise<void> {
  const readiness = await mdm.readiness();
  if (readiness.state !== 'ready') throw new DomainError(readiness.error.code, `${readiness.error.message} ${consequence}`);
}
