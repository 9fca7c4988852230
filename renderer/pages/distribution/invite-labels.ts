import type { ChannelInput, ChannelOutput } from '../../../preload/contract';

export type InvitationOptions = ChannelInput<'invitations.start'>;
export type InvitationPreview = ChannelOutput<'invitations.preview'>;
export type InvitationRun = ChannelOutput<'invitations.results'>;
export type Audience = NonNullable<InvitationOptions['audience']>;

export const audiences: { value: Audience; label: string; hint: string }[] = [
  { value: 'all', label: 'All users with devices', hint: 'Everyone with a device at this level and below.' },
  { value: 'not-invited', label: 'Only users not yet invited', hint: 'Leaves out people who already got an invitation of this service.' },
  { value: 'reminder', label: 'Reminder', hint: 'Only people invited before who have not accepted yet.' },
];

export const stateLabels: Record<InvitationRun['rows'][number]['state'], string> = {
  waiting: 'Waiting',
  pending: 'Sending',
  sent: 'Sent',
  'not-reached': 'Queued, not reached',
  skipped: 'Skipped',
  failed: 'Failed',
};

export const channelLabels: Record<InvitationRun['rows'][number]['channel'], string> = {
  email: 'Email',
  device: 'Device',
  apple: 'Registered directly',
  none: '—',
};
