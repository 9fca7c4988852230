import { appleAssetsRequestSchema, appleRevokeRequestSchema } from '../../wire/apple-license-request';
import { SandboxAppleError } from '../sandbox-apple-error';
import type { LicenseWork } from '../state/event-store';
import type { ApiContext, ApiHandler } from './api-context';
import { hasDuplicates } from './duplicates';
import { acceptEvent } from './event-submission';

/** POST /assets/associate: device licenses need device-assignable assets (9707). */
export const associate: ApiHandler = (context) => {
  const work = licenseWork(context);
  if (work.serialNumbers.length > 0 && work.assets.some(({ adamId }) => !context.location.assets.get(adamId)?.deviceAssignable)) {
    throw new SandboxAppleError(400, 9707);
  }
  return acceptEvent(context, 'ASSOCIATE', { type: 'ASSOCIATE', licenses: work });
};

/** POST /assets/disassociate: a license of a non-revocable asset cannot be taken back (9706). */
export const disassociate: ApiHandler = (context) => {
  const work = licenseWork(context);
  if (work.assets.some(({ adamId }) => !context.location.assets.get(adamId)?.revocable)) throw new SandboxAppleError(400, 9706);
  return acceptEvent(context, 'DISASSOCIATE', { type: 'DISASSOCIATE', licenses: work });
};

/** POST /assets/revoke: every revocable license of the given users and devices. */
export const revoke: ApiHandler = (context) => {
  const parsed = appleRevokeRequestSchema.safeParse(context.body);
  if (!parsed.success) throw new SandboxAppleError(400, 9602);
  const { clientUserIds = [], serialNumbers = [] } = parsed.data;
  const { limits } = context.world.settings;
  if (clientUserIds.length === 0 && serialNumbers.length === 0) throw new SandboxAppleError(400, 9719);
  if (clientUserIds.length > limits.maxRevokeClientUserIds) throw new SandboxAppleError(400, 9701);
  if (serialNumbers.length > limits.maxRevokeSerialNumbers) throw new SandboxAppleError(400, 9702);
  if (hasDuplicates(clientUserIds)) throw new SandboxAppleError(400, 9704);
  if (hasDuplicates(serialNumbers)) throw new SandboxAppleError(400, 9705);
  return acceptEvent(context, 'REVOKE', { type: 'REVOKE', clientUserIds, serialNumbers });
};

/** The checks Apple makes before accepting an (dis)association, in the order of its error numbers. */
function licenseWork({ world, location, body }: ApiContext): LicenseWork {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!Array.isArray(record.assets) || record.assets.length === 0) throw new SandboxAppleError(400, 9718);
  const parsed = appleAssetsRequestSchema.safeParse(body);
  if (!parsed.success) throw new SandboxAppleError(400, 9602);
  const { assets, clientUserIds = [], serialNumbers = [] } = parsed.data;
  const { limits } = world.settings;
  if (assets.length > limits.maxAssets) throw new SandboxAppleError(400, 9700);
  if (clientUserIds.length === 0 && serialNumbers.length === 0) throw new SandboxAppleError(400, 9719);
  if (clientUserIds.length > limits.maxClientUserIds) throw new SandboxAppleError(400, 9701);
  if (serialNumbers.length > limits.maxSerialNumbers) throw new SandboxAppleError(400, 9702);
  if (hasDuplicates(assets.map(({ adamId }) => adamId))) throw new SandboxAppleError(400, 9703);
  if (hasDuplicates(clientUserIds)) throw new SandboxAppleError(400, 9704);
  if (hasDuplicates(serialNumbers)) throw new SandboxAppleError(400, 9705);
  const known = assets.map(({ adamId, pricingParam }) => {
    const asset = location.assets.get(adamId);
    if (!asset || (pricingParam !== undefined && pricingParam !== asset.pricingParam)) throw new SandboxAppleError(400, 9602);
    return { adamId, pricingParam: asset.pricingParam };
  });
  return { assets: known, clientUserIds, serialNumbers };
}
