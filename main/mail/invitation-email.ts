import { DomainError } from '../errors/domain-error';
import { escapeHtml } from './escape-html';

export interface InvitationEmailInput {
  /** The district (root group), e.g. "Springfield District". */
  organizationName: string;
  /** The school or other group the person belongs to; may be the organization itself. */
  groupName: string;
  personName: string;
  /** Apple's personal invitation link (service config's invitationEmail, with the invite code). */
  invitationUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function checkedLink(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
    throw new DomainError('VALIDATION', `The invitation link "${url}" is not a web address, so no invitation email was made.`);
  }
  return parsed.href;
}

/**
 * The email that invites one person into the district's Apple Managed Distribution.
 *
 * People get it out of the blue from a school, so it says who sends it, what accepting does
 * and exactly what to do, in plain words, and that Managed Apple IDs need none of it. Every
 * name is escaped in the HTML part (they come from rosters), and the link is checked to be
 * a web address so a bad template can never put a script URL behind the button.
 */
export function renderInvitationEmail(input: InvitationEmailInput): RenderedEmail {
  const organization = oneLine(input.organizationName);
  const group = oneLine(input.groupName);
  const person = oneLine(input.personName);
  const link = checkedLink(input.invitationUrl);
  const place = group === organization ? organization : `${group} (${organization})`;
  const subject = `${place} invites you to receive school apps and books from Apple`;

  const text = [
    `Hello ${person},`,
    '',
    `${place} uses Apple's Managed Distribution to give students and staff the apps and books they need for school. The school has bought them for you, so you do not pay anything.`,
    '',
    'To receive them, accept this invitation once:',
    '',
    '1. On your iPhone, iPad or Mac, open this link:',
    `   ${link}`,
    '2. Sign in with your Apple ID when asked.',
    '3. Accept the invitation.',
    '',
    'After that, the apps and books your school assigns to you install on your device without payment, next to your other apps.',
    '',
    'If you sign in with a Managed Apple ID that your school gave you, you need no invitation and can ignore this email.',
    '',
    'The link is yours alone: please do not forward this email. If you have questions, ask your school\'s IT team.',
    '',
    `— ${organization}`,
    '',
  ].join('\n');

  const h = {
    organization: escapeHtml(organization),
    group: escapeHtml(group),
    place: escapeHtml(place),
    person: escapeHtml(person),
    link: escapeHtml(link),
    subject: escapeHtml(subject),
  };
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h.subject}</title>
</head>
<body style="margin:0;padding:24px;background:#f5f6f8;color:#1d2430;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;line-height:1.5">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #dfe3e8;border-radius:8px">
<p style="margin:0 0 4px;color:#5d6878;font-size:13px">${h.organization}</p>
<h1 style="margin:0 0 16px;font-size:20px">${h.group} invites you to receive school apps and books</h1>
<p>Hello ${h.person},</p>
<p>${h.place} uses Apple&#39;s Managed Distribution to give students and staff the apps and books they need for school. The school has bought them for you, so you do not pay anything.</p>
<p>To receive them, accept this invitation once:</p>
<ol>
<li>On your iPhone, iPad or Mac, open the link below.</li>
<li>Sign in with your Apple ID when asked.</li>
<li>Accept the invitation.</li>
</ol>
<p style="margin:24px 0;text-align:center"><a href="${h.link}" style="display:inline-block;padding:12px 20px;background:#0a63c9;color:#ffffff;border-radius:6px;font-weight:600;text-decoration:none">Accept the invitation</a></p>
<p style="color:#5d6878;font-size:13px">If the button does not open, copy this address into your browser:<br><a href="${h.link}">${h.link}</a></p>
<p>After that, the apps and books your school assigns to you install on your device without payment, next to your other apps.</p>
<p>If you sign in with a Managed Apple ID that your school gave you, you need no invitation and can ignore this email.</p>
<p style="color:#5d6878;font-size:13px">The link is yours alone: please do not forward this email. If you have questions, ask your school&#39;s IT team.</p>
<p>— ${h.organization}</p>
</div>
</body>
</html>
`;
  return { subject, html, text };
}
