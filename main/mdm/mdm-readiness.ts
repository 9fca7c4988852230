import type { z } from 'zod';
import type { MdmReadiness as MdmReadinessView } from '../../preload/schemas/settings-schemas';
import { DomainError } from '../errors/domain-error';
import type { MdmDelivery, MdmReadiness } from './mdm-adapter';

/** The MDM server's state as a preview shows it. */
export function mdmReadinessView(readiness: MdmReadiness): z.output<typeof MdmReadinessView> {
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
