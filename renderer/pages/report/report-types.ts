import type { ChannelInput, ChannelOutput } from '../../../preload/contract';

export type LicenseRow = ChannelOutput<'report.licenses'>['rows'][number];
export type AppleUserRow = ChannelOutput<'report.users'>['rows'][number];
export type AssignmentRow = ChannelOutput<'report.assignments'>['rows'][number];
export type SyncStatus = ChannelOutput<'sync.status'>[number];
export type LicenseQuery = ChannelInput<'report.licenses'>;
export type AppleUserQuery = ChannelInput<'report.users'>;

export const count = (n: number | null, unlimited = false) => (unlimited ? 'Unlimited' : n === null ? '—' : n.toLocaleString());

/** Share of licenses in use, 0–1; null for free (unlimited) titles. */
export function useShare(row: LicenseRow): number | null {
  if (row.unlimited || !row.total) return null;
  return Math.min(1, row.assigned / row.total);
}
