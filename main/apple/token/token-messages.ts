/** The admin-facing sentences of token parsing; tests compare them exactly. */
export const tokenMessages = {
  empty: 'The token is empty. Paste the content of the .vpptoken file downloaded from Apple School Manager.',
  notBase64: 'The token is not valid: it must be the Base64 text of the .vpptoken file, pasted whole.',
  notJson: 'The token is not valid: its content is not the data Apple puts in a .vpptoken file. Download the token again.',
  missingField: (field: string) =>
    `The token is not valid: it has no "${field}". Download the token again from Apple School Manager.`,
  badField: (field: string) =>
    `The token is not valid: its "${field}" is not text. Download the token again from Apple School Manager.`,
  badDate: (text: string) => `The token is not valid: its expiry date "${text}" is not a date.`,
  expired: (day: string) =>
    `The token already expired on ${day}. Sign in to Apple School Manager and download a new token.`,
  expiringSoon: (day: string, days: number) =>
    `The token expires on ${day} (in ${days} ${days === 1 ? 'day' : 'days'}). Download a new one from Apple School Manager soon.`,
} as const;
