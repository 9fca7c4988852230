/**
 * Whether a device's OS is new enough for managed distribution.
 *
 * Apple installs managed apps only on iOS 7 and OS X 10.9 or later; older devices need
 * redemption codes instead. iPads before iPadOS ran iOS, so iPadOS shares the iOS minimum.
 * Apple documents no minimum for tvOS here, so tvOS is never flagged.
 */
import type { DevicePlatform } from './roster-types';

interface Minimum {
  version: readonly number[];
  label: string;
}

const MINIMUMS: Partial<Record<DevicePlatform, Minimum>> = {
  iOS: { version: [7], label: 'iOS 7' },
  iPadOS: { version: [7], label: 'iOS 7' },
  macOS: { version: [10, 9], label: 'OS X 10.9' },
};

/** The minimum this device falls short of (e.g. "OS X 10.9"), or null when it is new enough. */
export function unmetManagedDistributionMinimum(platform: DevicePlatform, osVersion: string): string | null {
  const minimum = MINIMUMS[platform];
  if (minimum === undefined) return null;
  const parts = osVersion.split('.').map(Number);
  for (const [index, required] of minimum.version.entries()) {
    const part = parts[index] ?? 0;
    if (part !== required) return part < required ? minimum.label : null;
  }
  return null;
}
