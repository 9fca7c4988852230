import { describe, expect, it } from 'vitest';
import { splitEventRequest, splitLicenseRequest, splitRevocation, splitUsers } from '../../../main/apple/client/batch-splitter';
import type { ServiceLimits } from '../../../main/apple/model/service-config';

const limits: ServiceLimits = {
  maxAssets: 2,
  maxUsers: 3,
  maxClientUserIds: 4,
  maxSerialNumbers: 5,
  maxRevokeClientUserIds: 2,
  maxRevokeSerialNumbers: 1,
  maxNotificationLength: 512,
  maxMdmNameLength: 100,
  maxMdmMetadataLength: 255,
  maxMdmIdLength: 100,
};

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('splitting bulk work within the service limits', () => {
  it('pairs every asset chunk with every user chunk and every device chunk', () => {
    const assets = ids('', 5).map((adamId) => ({ adamId: `10${adamId}` }));
    const parts = splitLicenseRequest({ assets, clientUserIds: ids('u', 9), serialNumbers: ids('s', 6) }, limits);
    expect(parts).toHaveLength(3 * (3 + 2));
    for (const part of parts) {
      expect(part.assets.length).toBeLessThanOrEqual(limits.maxAssets);
      expect((part.clientUserIds ?? []).length).toBeLessThanOrEqual(limits.maxClientUserIds);
      expect((part.serialNumbers ?? []).length).toBeLessThanOrEqual(limits.maxSerialNumbers);
      expect(part.clientUserIds === undefined || part.serialNumbers === undefined).toBe(true);
    }
    const pairs = new Set(parts.flatMap((part) => part.assets.flatMap((asset) => [...(part.clientUserIds ?? []), ...(part.serialNumbers ?? [])].map((id) => `${asset.adamId}/${id}`))));
    expect(pairs.size).toBe(5 * 15);
  });

  it('drops the duplicates Apple would refuse', () => {
    const parts = splitLicenseRequest(
      { assets: [{ adamId: '1' }, { adamId: '1' }, { adamId: '1', pricingParam: 'PLUS' }], clientUserIds: ['a', 'b', 'a'] },
      limits,
    );
    expect(parts).toEqual([{ assets: [{ adamId: '1' }, { adamId: '1', pricingParam: 'PLUS' }], clientUserIds: ['a', 'b'] }]);
  });

  it('sends nothing when there is nothing to send', () => {
    expect(splitLicenseRequest({ assets: [{ adamId: '1' }] }, limits)).toEqual([]);
    expect(splitRevocation({}, limits)).toEqual([]);
    expect(splitUsers([], limits)).toEqual([]);
  });

  it('splits revocations by their own, smaller limits', () => {
    expect(splitRevocation({ clientUserIds: ids('u', 3), serialNumbers: ['s1', 's2'] }, limits)).toEqual([
      { clientUserIds: ['u0', 'u1'] },
      { clientUserIds: ['u2'] },
      { serialNumbers: ['s1'] },
      { serialNumbers: ['s2'] },
    ]);
  });

  it('splits users by maxUsers, a repeated user keeping its first place and last change', () => {
    const parts = splitUsers(
      [{ clientUserId: 'a', email: 'old@x.org' }, { clientUserId: 'b' }, { clientUserId: 'c' }, { clientUserId: 'a', email: 'new@x.org' }, { clientUserId: 'd' }],
      limits,
    );
    expect(parts).toEqual([[{ clientUserId: 'a', email: 'new@x.org' }, { clientUserId: 'b' }, { clientUserId: 'c' }], [{ clientUserId: 'd' }]]);
  });

  it('keeps the request type when splitting any write', () => {
    const parts = splitEventRequest({ type: 'RETIRE', users: ids('u', 4).map((clientUserId) => ({ clientUserId })) }, limits);
    expect(parts.map((part) => part.type)).toEqual(['RETIRE', 'RETIRE']);
    expect(splitEventRequest({ type: 'DISASSOCIATE', licenses: { assets: [{ adamId: '1' }], serialNumbers: ['s'] } }, limits)).toEqual([
      { type: 'DISASSOCIATE', licenses: { assets: [{ adamId: '1' }], serialNumbers: ['s'] } },
    ]);
    expect(splitEventRequest({ type: 'REVOKE', revocation: { serialNumbers: ['a', 'b'] } }, limits)).toHaveLength(2);
  });
});
