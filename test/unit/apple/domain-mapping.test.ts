import { describe, expect, it } from 'vitest';
import { appMetadataFromApple, platformsFromSupportedDevices } from '../../../main/apple/model/app-metadata';
import { assetFromApple, unlimitedAssetFromApple } from '../../../main/apple/model/asset';
import { eventStatusFromApple } from '../../../main/apple/model/event-status';
import { locationConfigFromApple, managedByAnotherMdm } from '../../../main/apple/model/location-config';
import { invitationUrl, serviceConfigFromApple } from '../../../main/apple/model/service-config';
import { appleServiceConfigSchema } from '../../../main/apple/wire/apple-service-config';
import { appleClientConfigSchema } from '../../../main/apple/wire/apple-client-config';

const wireAsset = {
  adamId: '361309726',
  pricingParam: 'STDQ',
  productType: 'App' as const,
  assignedCount: 3,
  availableCount: 7,
  retiredCount: 0,
  totalCount: 10,
  deviceAssignable: true,
  revocable: true,
  supportedPlatforms: ['iOS'],
};

describe('mapping Apple shapes to ours', () => {
  it('shows free titles as unlimited instead of 2147483647 licenses', () => {
    expect(assetFromApple(wireAsset)).toMatchObject({ unlimited: false, totalCount: 10, availableCount: 7 });
    expect(assetFromApple({ ...wireAsset, totalCount: 2147483647, availableCount: 2147483644 })).toMatchObject({
      unlimited: true,
      totalCount: null,
      availableCount: null,
      assignedCount: 3,
    });
    expect(unlimitedAssetFromApple({ adamId: '1', pricingParam: 'STDQ', productType: 'Book', supportedPlatforms: [] })).toMatchObject({
      unlimited: true,
      assignedCount: null,
      deviceAssignable: null,
    });
  });

  it('builds invitation links from the service config template', () => {
    const config = serviceConfigFromApple(
      appleServiceConfigSchema.parse({
        limits: { maxAssets: 25, maxUsers: 100, maxClientUserIds: 1000, maxSerialNumbers: 1000, maxRevokeClientUserIds: 100, maxRevokeSerialNumbers: 100 },
        urls: { invitationEmail: 'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=%25inviteCode%25&mt=8' },
      }),
    );
    expect(invitationUrl(config, 'f551b37da07146628e8dcbe0111f0364')).toBe(
      'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=f551b37da07146628e8dcbe0111f0364&mt=8',
    );
    expect(config.limits.maxMdmNameLength).toBe(100);
  });

  it("reads Apple's example client config answer, subscribed notification types included", () => {
    const config = locationConfigFromApple(
      appleClientConfigSchema.parse({
        countryISO2ACode: 'US',
        defaultPlatform: 'volumestore',
        locationName: 'PS01',
        mdmInfo: { id: '522d5c43-44ca-4f7e-ba7a-53570cf60765', name: 'Apple Configurator 2', metadata: '2.13.3' },
        notificationAuthToken: 'SUp3rS3Cr3t',
        notificationUrl: 'https://www.next.com/notification',
        subscribedNotificationTypes: ['ASSET_COUNT', 'ASSET_MANAGEMENT', 'USER_MANAGEMENT', 'USER_ASSOCIATED'],
        tokenExpirationDate: '2030-11-08T22:33:22+0000',
        uId: '2049025000431439',
        websiteURL: 'https://school.apple.com',
      }),
    );
    expect(config).toMatchObject({
      locationName: 'PS01',
      mdmInfo: { id: '522d5c43-44ca-4f7e-ba7a-53570cf60765', name: 'Apple Configurator 2', metadata: '2.13.3' },
      notificationUrl: 'https://www.next.com/notification',
      notificationAuthToken: 'SUp3rS3Cr3t',
      subscribedNotificationTypes: ['ASSET_COUNT', 'ASSET_MANAGEMENT', 'USER_MANAGEMENT', 'USER_ASSOCIATED'],
    });
  });

  it('notices another MDM holding the location', () => {
    const config = locationConfigFromApple({
      locationName: 'Lincoln',
      uId: '2049025000431439',
      mdmInfo: { id: 'other-mdm', name: 'Other MDM' },
      tokenExpirationDate: '2030-11-08T22:33:22+0000',
    });
    expect(config.tokenExpiresAt?.toISOString()).toBe('2030-11-08T22:33:22.000Z');
    expect(managedByAnotherMdm(config, 'our-mdm')).toBe(true);
    expect(managedByAnotherMdm(config, 'other-mdm')).toBe(false);
    expect(managedByAnotherMdm({ ...config, mdmInfo: null }, 'our-mdm')).toBe(false);
  });

  it('reads platforms from the model names of supportedDevices', () => {
    expect(platformsFromSupportedDevices(['MacDesktop-MacDesktop', 'iPhone15-iPhone15', 'iPadPro11M4-iPadPro11M4', 'iPhone14-iPhone14', 'Unknown'])).toEqual([
      'iOS',
      'iPadOS',
      'macOS',
    ]);
    expect(appMetadataFromApple({ trackId: 7, kind: 'ebook', artworkUrl100: 'x' })).toMatchObject({ adamId: '7', name: '7', isBook: true, artworkUrl: 'x', platforms: [] });
  });

  it('keeps per-id event failures with an admin sentence', () => {
    const status = eventStatusFromApple('e1', {
      eventStatus: 'FAILED',
      eventType: 'ASSOCIATE',
      numCompleted: 1,
      numRequested: 3,
      failures: [{ errorNumber: 9709, errorMessage: 'Not enough licenses', errorInfo: { assets: [{ adamId: '5', pricingParam: 'STDQ' }], clientUserIds: ['u2', 'u3'] } }],
    });
    expect(status.failures).toEqual([
      {
        errorNumber: 9709,
        message: 'Not enough licenses. Buy more in Apple School Manager or free some up.',
        appleMessage: 'Not enough licenses',
        assets: [{ adamId: '5', pricingParam: 'STDQ' }],
        clientUserIds: ['u2', 'u3'],
        serialNumbers: [],
      },
    ]);
  });
});
