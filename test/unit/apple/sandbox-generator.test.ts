import { describe, expect, it } from 'vitest';
import { generateLocation } from '../../../main/apple/sandbox/generator/location-generator';
import { SandboxCatalog } from '../../../main/apple/sandbox/sandbox-catalog';
import { AssetStore } from '../../../main/apple/sandbox/state/asset-store';
import { SandboxLocation } from '../../../main/apple/sandbox/state/sandbox-location';
import { UserStore } from '../../../main/apple/sandbox/state/user-store';

function emptyLocation(): SandboxLocation {
  return new SandboxLocation({
    id: 'location-1',
    name: 'Test',
    uId: '1',
    orgName: 'Test District',
    countryCode: 'US',
    defaultPlatform: 'volumestore',
    websiteUrl: 'http://127.0.0.1/sandbox',
  });
}

function generated(seed: number) {
  const location = emptyLocation();
  const catalog = new SandboxCatalog();
  const counts = generateLocation(location, catalog, { seed, apps: 40, users: 300, assignments: 2000 });
  const rows: string[] = [];
  for (let row = 0; row < location.assignments.length; row++) {
    const holder = location.assignments.holderOf(row);
    const who = holder.kind === 'user' ? location.users.at(holder.index).clientUserId : location.assignments.serialAt(holder.index);
    rows.push(`${location.assets.at(location.assignments.assetOf(row)).adamId}/${who}`);
  }
  return { location, catalog, counts, rows };
}

describe('the sandbox data generator', () => {
  it('makes the same district from the same seed, and another from another seed', () => {
    const first = generated(7);
    const again = generated(7);
    expect(again.rows).toEqual(first.rows);
    expect(again.location.users.rows.map(UserStore.toApple)).toEqual(first.location.users.rows.map(UserStore.toApple));
    expect(again.location.assets.rows.map(AssetStore.toApple)).toEqual(first.location.assets.rows.map(AssetStore.toApple));
    expect(generated(8).rows).not.toEqual(first.rows);
  });

  it('makes exactly the numbers asked for, with unique pairs and consistent counts', () => {
    const { location, counts, rows } = generated(1);
    expect(counts).toEqual({ assets: 44, users: 300, devices: 150, assignments: 2000 });
    expect(rows).toHaveLength(2000);
    expect(new Set(rows).size).toBe(2000);
    for (const asset of location.assets.rows) {
      const held = rows.filter((row) => row.startsWith(`${asset.adamId}/`)).length;
      expect(asset.assignedCount).toBe(held);
      expect(asset.totalCount).toBeGreaterThanOrEqual(held);
    }
  });

  it("has Apple's variety: free titles, books, device-only limits and every user status", () => {
    const { location, catalog } = generated(3);
    const assets = location.assets.rows;
    expect(assets.some((asset) => asset.totalCount === 2147483647)).toBe(true);
    expect(assets.filter((asset) => asset.productType === 'Book').every((asset) => !asset.revocable && !asset.deviceAssignable)).toBe(true);
    expect(assets.some((asset) => asset.productType === 'App' && !asset.deviceAssignable)).toBe(true);
    expect(new Set(location.users.rows.map((user) => user.status))).toEqual(new Set(['Registered', 'Associated', 'Retired']));
    expect(location.users.rows.filter((user) => user.status === 'Registered').every((user) => user.inviteCode)).toBe(true);
    expect(catalog.get(assets[0]?.adamId ?? '')?.name).toMatch(/^\w+ \w+ \w+$/);
    for (let row = 0; row < location.assignments.length; row++) {
      if (location.assignments.holderOf(row).kind === 'device') expect(location.assets.at(location.assignments.assetOf(row)).deviceAssignable).toBe(true);
    }
  });

  it('refuses more assignments than holders and titles allow, and a location already filled', () => {
    expect(() => generateLocation(emptyLocation(), new SandboxCatalog(), { seed: 1, apps: 2, books: 0, users: 2, devices: 0, assignments: 5 })).toThrow(
      'Cannot place 5 assignments: add users, devices or titles.',
    );
    const { location, catalog } = generated(1);
    expect(() => generateLocation(location, catalog, { seed: 1, apps: 1, users: 1, assignments: 1 })).toThrow('The generator fills only an empty location.');
  });
});
