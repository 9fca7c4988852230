import type { ChannelInput, ChannelOutput } from '../../../preload/contract';

export type InstallRequest = ChannelInput<'installs.preview'>;
export type InstallPreview = ChannelOutput<'installs.preview'>;
export type InstallResults = ChannelOutput<'installs.results'>;
export type InstallRunView = ChannelOutput<'installs.runs'>[number];
export type UsableToken = ChannelOutput<'services.usableTokens'>[number];
export type ServiceView = ChannelOutput<'services.list'>[number];

/** A retry of a run whose only misses are devices not reached wakes them; it retries nothing that failed. */
export function retryLabel(failed: number, notReached: number): string {
  return failed === 0 && notReached > 0 ? 'Wake devices not reached' : 'Retry failed';
}

export const licenseLabels: Record<InstallResults['rows'][number]['license'], string> = {
  pending: 'Waiting',
  submitted: 'Sent to Apple',
  assigned: 'Assigned',
  failed: 'Failed',
};

export const commandLabels: Record<NonNullable<InstallResults['rows'][number]['command']>, string> = {
  pending: 'Waiting',
  queued: 'Sent to the device',
  'not-reached': 'Queued, not reached',
  failed: 'Failed',
  'not-needed': 'Not sent',
};
