import { z } from 'zod';

export const smtpSecurity = ['tls', 'starttls', 'none'] as const;

/** SMTP as the admin sees it: never the password, only whether one is stored. */
export const MailSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(smtpSecurity),
  user: z.string(),
  from: z.string(),
  passwordSet: z.boolean(),
  /** Emails per minute at most, so a district's invitations do not trip the server's limits. */
  ratePerMinute: z.number().int(),
});

export const MailSettingsInput = z.strictObject({
  host: z.string().trim().min(1, 'Enter the SMTP server name.').max(255),
  port: z.number().int().min(1, 'Enter a port from 1 to 65535.').max(65535, 'Enter a port from 1 to 65535.'),
  security: z.enum(smtpSecurity),
  user: z.string().trim().max(320),
  from: z.string().trim().toLowerCase().pipe(z.email('Enter the address invitations are sent from.')),
  /** null keeps the stored password; a string replaces it; '' removes it. */
  password: z.string().max(1024).nullable(),
  ratePerMinute: z.number().int().min(1, 'Send at least one email a minute.').max(6000),
});

export const MdmSettings = z.object({
  /** NanoMDM's address, e.g. https://mdm.district.org; empty when none is set. */
  baseUrl: z.string(),
  apiKeySet: z.boolean(),
});

/** 127.0.0.0/8, ::1 and localhost: a server on this computer, whose traffic never leaves it. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why an MDM server address cannot be used, or null when it can.
 *
 * The API key goes with every request as HTTP Basic auth, so plain http:// is allowed only
 * for a server on this computer (a test or a local tunnel).
 */
export function mdmAddressProblem(url: string): string | null {
  if (!/^https?:\/\/[^\s/]+/.test(url) || !URL.canParse(url)) return 'Enter the MDM server address, starting with https://.';
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:' || isLoopbackHost(hostname)) return null;
  return 'Use the server’s https:// address: the API key goes with every request, and over http:// anyone on the network could read it. Plain http:// is only for a server on this computer (localhost or 127.0.0.1).';
}

/** Whether commands can be sent through the MDM server now; message says why not. */
export const ServerReadiness = z.object({
  /** not-needed: nothing asked of the MDM server (no command, or licenses only). */
  state: z.enum(['ready', 'not-needed', 'not-set-up', 'failing']),
  message: z.string().nullable(),
});

export const MdmSettingsInput = z.strictObject({
  baseUrl: z
    .string()
    .trim()
    .max(2000)
    .superRefine((url, context) => {
      const problem = url === '' ? null : mdmAddressProblem(url);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  /** null keeps the stored key; a string replaces it; '' removes it. */
  apiKey: z.string().max(1024).nullable(),
});

export const EmailPreview = z.object({ subject: z.string(), html: z.string(), text: z.string() });
