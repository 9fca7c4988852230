import { describe, expect, it } from 'vitest';
import { ServiceConfigCache } from '../../../main/apple/client/service-config-cache';
import type { ServiceConfig } from '../../../main/apple/model/service-config';
import { fakeTime } from '../../support/apple/fake-time';

function config(maxAssets: number): ServiceConfig {
  return {
    limits: {
      maxAssets,
      maxUsers: 100,
      maxClientUserIds: 1000,
      maxSerialNumbers: 1000,
      maxRevokeClientUserIds: 100,
      maxRevokeSerialNumbers: 100,
      maxNotificationLength: 512,
      maxMdmNameLength: 100,
      maxMdmMetadataLength: 255,
      maxMdmIdLength: 100,
    },
    invitationUrlTemplate: 'https://example.org/?inviteCode=%25inviteCode%25',
    contentMetadataLookupUrl: null,
    errorCodes: [],
    notificationTypes: [],
  };
}

describe('ServiceConfigCache', () => {
  it('reads once per five minutes and again after', async () => {
    const time = fakeTime();
    let reads = 0;
    const cache = new ServiceConfigCache(async () => config(++reads), time.clock);
    expect((await cache.get()).limits.maxAssets).toBe(1);
    time.advance(299_999);
    expect((await cache.get()).limits.maxAssets).toBe(1);
    time.advance(1);
    expect((await cache.get()).limits.maxAssets).toBe(2);
  });

  it('shares one read among callers asking at the same time', async () => {
    const time = fakeTime();
    let reads = 0;
    const cache = new ServiceConfigCache(async () => config(++reads), time.clock);
    const answers = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(answers.map((answer) => answer.limits.maxAssets)).toEqual([1, 1, 1]);
    expect(reads).toBe(1);
  });

  it('does not keep a failed read', async () => {
    const time = fakeTime();
    let reads = 0;
    const cache = new ServiceConfigCache(async () => {
      reads++;
      if (reads === 1) throw new Error('Apple is down');
      return config(25);
    }, time.clock);
    await expect(cache.get()).rejects.toThrow('Apple is down');
    expect((await cache.get()).limits.maxAssets).toBe(25);
  });
});
