import { AssetStore } from '../state/asset-store';
import type { SandboxLocation } from '../state/sandbox-location';
import { mixIntegers, type SeededRandom } from './seeded-random';

const serialPrefixes = ['C02', 'F9F', 'DMP', 'GG7', 'H4T', 'LX2'];
const serialAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export interface AssignmentPlan {
  assignments: number;
  devices: number;
  seed: number;
}

/**
 * Assigns licenses: about 70% to users, the rest to devices (device-assignable titles only).
 *
 * Holder k gets titles offset(k), offset(k)+1, ... so no holder gets a title twice and
 * nothing needs remembering per pair: a million rows cost only the table itself. Paid
 * titles end with a few spare licenses, a fifth of them with none.
 */
export function generateAssignments(location: SandboxLocation, random: SeededRandom, plan: AssignmentPlan, version: number): number {
  const { assets, users, assignments } = location;
  const userTitles = assets.rows.map((asset) => asset.index);
  const deviceTitles = assets.rows.filter((asset) => asset.deviceAssignable).map((asset) => asset.index);
  const userCapacity = users.rows.length * userTitles.length;
  const deviceCapacity = plan.devices * deviceTitles.length;
  const deviceCount = Math.min(deviceCapacity, Math.max(Math.round(plan.assignments * 0.3), plan.assignments - userCapacity));
  if (plan.assignments - deviceCount > userCapacity) {
    throw new Error(`Cannot place ${plan.assignments} assignments: add users, devices or titles.`);
  }

  spread(plan.assignments - deviceCount, users.rows.length, userTitles, plan.seed, (holder, title) =>
    assignments.add(title, { kind: 'user', index: holder }, version),
  );
  const deviceIndexes = Array.from({ length: plan.devices }, (_, i) => assignments.deviceIndex(serialNumber(random, i), true) ?? -1);
  spread(deviceCount, plan.devices, deviceTitles, plan.seed + 1, (holder, title) =>
    assignments.add(title, { kind: 'device', index: deviceIndexes[holder] ?? -1 }, version),
  );

  for (let row = 0; row < assignments.length; row++) assets.at(assignments.assetOf(row)).assignedCount++;
  for (const asset of assets.rows) {
    if (!AssetStore.isUnlimited(asset)) asset.totalCount = asset.assignedCount + (random.chance(0.2) ? 0 : 1 + random.int(40));
  }
  return plan.assignments;
}

function spread(count: number, holders: number, titles: number[], seed: number, assign: (holder: number, title: number) => void): void {
  for (let k = 0; k < count; k++) {
    const holder = k % holders;
    const slot = Math.floor(k / holders);
    const title = titles[(mixIntegers(seed, holder) + slot) % titles.length];
    if (title !== undefined) assign(holder, title);
  }
}

/** Unique by construction: the index is encoded after a random-looking prefix. */
function serialNumber(random: SeededRandom, index: number): string {
  let encoded = '';
  for (let n = index, i = 0; i < 5; i++, n = Math.floor(n / serialAlphabet.length)) encoded += serialAlphabet[n % serialAlphabet.length];
  let tail = '';
  for (let i = 0; i < 4; i++) tail += serialAlphabet[random.int(serialAlphabet.length)];
  return `${random.pick(serialPrefixes)}${encoded}${tail}`;
}
