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

export const MdmSettingsInput = z.strictObject({
  baseUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((url) => url === '' || /^https?:\/\/[^\s/]+/.test(url), 'Enter the MDM server address, starting with https://.'),
  /** null keeps the stored key; a string replaces it; '' removes it. */
  apiKey: z.string().max(1024).nullable(),
});

export const EmailPreview = z.object({ subject: z.string(), html: z.string(), text: z.string() });
