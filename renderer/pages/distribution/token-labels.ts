import type { ChannelOutput } from '../../../preload/contract';

export type ServiceView = ChannelOutput<'services.list'>[number];
export type TokenView = ServiceView['tokens'][number];

export const statusLabels: Record<TokenView['status'], string> = {
  valid: 'Valid',
  expiring: 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked',
  invalid: 'Invalid',
};

export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A moment of today as 10:42; of another day with its date. */
export function formatMoment(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${formatDay(iso)} ${time}`;
}

export function daysLeft(iso: string): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000));
}

/** The sentence the page shows for a token Apple no longer accepts, or one about to lapse. */
export function statusNotice(token: TokenView): string | null {
  switch (token.status) {
    case 'revoked':
      return 'Error: The sToken has been revoked. Sign in to Apple School Manager, download the token again and add it here.';
    case 'expired':
      return `The token expired on ${formatDay(token.expiresAt)}. Download a new token from Apple School Manager and add it here.`;
    case 'invalid':
      return token.refusal?.checkedAt
        ? `Apple refused this token at ${formatMoment(token.refusal.refusedAt)} and again at ${formatMoment(token.refusal.checkedAt)}: it is invalid. Download the token again from Apple School Manager and add it here.`
        : 'Apple does not accept this token. Download the token again from Apple School Manager and add it here.';
    case 'expiring':
      return `The active token expires on ${formatDay(token.expiresAt)}, in ${daysLeft(token.expiresAt)} days. Download a new one from Apple School Manager and add it before then.`;
    case 'valid':
      return null;
  }
}

/** What happened when Apple refused a token it then accepted, or is still to be asked again about. */
export function refusalNotice(token: TokenView): string | null {
  if (!token.refusal || (token.status !== 'valid' && token.status !== 'expiring')) return null;
  const refused = formatMoment(token.refusal.refusedAt);
  return token.refusal.checkedAt
    ? `Apple refused this token once at ${refused}; asked again at ${formatMoment(token.refusal.checkedAt)}, it accepted it, so the token stays in use. If this happens often, check the token in Apple School Manager.`
    : `Apple refused this token at ${refused}. It is asked again before it is marked invalid; until then it stays in use.`;
}

/** The other MDM Apple named when main asks before taking a location over, or null for any other error. */
export function takeOverAsked(error: { code: string; details?: unknown } | undefined): string | null {
  if (error?.code !== 'CONFLICT' || typeof error.details !== 'object' || error.details === null) return null;
  const otherMdm = (error.details as { otherMdm?: unknown }).otherMdm;
  return typeof otherMdm === 'string' ? otherMdm : null;
}
