import { describe, expect, it } from 'vitest';
import { appMetadataFromApple, appMetadataFromContentLookup, platformsFromSupportedDevices } from '../../../main/apple/model/app-metadata';
import { assetFromApple, unlimitedAssetFromApple } from '../../../main/apple/model/asset';
import { eventStatusFromApple } from '../../../main/apple/model/event-status';
import { locationConfigFromApple, managedByAnotherMdm } from '../../../main/apple/model/location-config';
import { invitationUrl, serviceConfigFromApple } from '../../../main/apple/model/service-config';
import { appleContentMetadataSchema } from '../../../main/apple/wire/apple-content-metadata';
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
    expect(
      unlimitedAssetFromApple({ adamId: '1', pricingParam: 'STDQ', productType: 'App', assignedCount: 4, deviceAssignable: true, revocable: false, supportedPlatforms: [] }),
    ).toMatchObject({ unlimited: true, totalCount: null, availableCount: null, retiredCount: null, assignedCount: 4, deviceAssignable: true, revocable: false });
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

  it("reads both shapes of Apple's content metadata lookup samples", () => {
    // Apple's "Getting app and book information (Legacy)": the first sample's artwork is an
    // array of sized images and its id a number; the custom-app sample's artwork a template.
    const pages = appleContentMetadataSchema.parse({
      id: 361309726,
      name: 'Pages',
      bundleId: 'com.apple.Pages',
      kind: 'iosSoftware',
      deviceFamilies: ['iphone', 'ipad', 'ipod'],
      minimumOSVersion: '11.0',
      artwork: [
        { width: 128, height: 128, url: 'https://is4-ssl.mzstatic.com/image/thumb/AppIcon/128x128bb.png' },
        { width: 216, height: 216, url: 'https://is4-ssl.mzstatic.com/image/thumb/AppIcon/360x216bb.png' },
      ],
      offers: [{ version: { display: '5.0.1', externalId: 830786363 } }],
    });
    expect(appMetadataFromContentLookup('361309726', pages)).toEqual({
      adamId: '361309726',
      name: 'Pages',
      bundleId: 'com.apple.Pages',
      artworkUrl: 'https://is4-ssl.mzstatic.com/image/thumb/AppIcon/360x216bb.png',
      version: '5.0.1',
      minimumOsVersion: '11.0',
      platforms: ['iOS', 'iPadOS'],
      isBook: false,
    });
    const custom = appleContentMetadataSchema.parse({
      id: '451796775',
      nameRaw: 'b2b Test 2',
      kind: 'iosSoftware',
      deviceFamilies: ['mac', 'tvos', 'iphone'],
      artwork: { width: 1024, height: 1024, url: 'https://is2-ssl.mzstatic.com/image/thumb/AppIcon/{w}x{h}bb.{f}' },
      isB2BCustomApp: true,
    });
    expect(appMetadataFromContentLookup('451796775', custom)).toMatchObject({
      name: 'b2b Test 2',
      artworkUrl: 'https://is2-ssl.mzstatic.com/image/thumb/AppIcon/512x512bb.png',
      platforms: ['iOS', 'macOS', 'tvOS'],
      version: null,
    });
    expect(appMetadataFromContentLookup('7', appleContentMetadataSchema.parse({ kind: 'ebook', artwork: { url: 'https://x/{w}x{h}{z}.jpg' } }))).toMatchObject({
      name: '7',
      isBook: true,
      artworkUrl: null,
      platforms: [],
    });
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
