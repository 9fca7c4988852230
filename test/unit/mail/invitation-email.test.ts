import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../main/mail/escape-html';
import { renderInvitationEmail } from '../../../main/mail/invitation-email';

const link = 'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=abc123&mt=8';
const base = { organizationName: 'Springfield District', groupName: 'North High', personName: 'Zoë Park', invitationUrl: link };

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('the invitation email', () => {
  it('names the school and the district in the subject and the body', () => {
    const email = renderInvitationEmail(base);
    expect(email.subject).toBe('North High (Springfield District) invites you to receive school apps and books from Apple');
    expect(email.text).toContain("North High (Springfield District) uses Apple's Managed Distribution");
    expect(email.html).toContain('<h1 style="margin:0 0 16px;font-size:20px">North High invites you to receive school apps and books</h1>');
  });

  it('names the district once when the group is the district itself', () => {
    expect(renderInvitationEmail({ ...base, groupName: 'Springfield District' }).subject).toBe(
      'Springfield District invites you to receive school apps and books from Apple',
    );
  });

  it('says what to do, step by step, and that Managed Apple IDs need no invitation', () => {
    const { text } = renderInvitationEmail(base);
    expect(text).toContain(`1. On your iPhone, iPad or Mac, open this link:\n   ${link}\n2. Sign in with your Apple ID when asked.\n3. Accept the invitation.`);
    expect(text).toContain('Managed Apple ID');
    expect(text).toContain('you need no invitation');
  });

  it('carries the link in both parts, escaped as an attribute in the HTML', () => {
    const { html, text } = renderInvitationEmail(base);
    const escaped = link.replace(/&/g, '&amp;');
    expect(text).toContain(link);
    expect(html).toContain(`<a href="${escaped}" style=`);
    expect(html).toContain(`<a href="${escaped}">${escaped}</a>`);
    expect(html).not.toContain('&mt=8');
  });

  it('cannot be injected through any name', () => {
    const { html, subject } = renderInvitationEmail({
      organizationName: '</title><script>steal()</script>',
      groupName: '<img src=x onerror=alert(1)>',
      personName: '"><script>alert(1)</script>',
      invitationUrl: link,
    });
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;steal()&lt;/script&gt;');
    expect(html).toContain('Hello &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(subject).toContain('<img src=x onerror=alert(1)>');
  });

  it('keeps names on one line, so no header or layout can be broken by a line break', () => {
    const { subject, text } = renderInvitationEmail({ ...base, groupName: 'North\r\nBcc: x@evil.test', personName: 'Zoë\n  Park' });
    expect(subject).toBe('North Bcc: x@evil.test (Springfield District) invites you to receive school apps and books from Apple');
    expect(text).toContain('Hello Zoë Park,');
  });

  it('refuses a link that is not a web address, such as a script URL', () => {
    for (const invitationUrl of ['javascript:alert(1)', 'data:text/html,hi', 'not a url']) {
      expect(() => renderInvitationEmail({ ...base, invitationUrl })).toThrow(/is not a web address, so no invitation email was made/);
    }
  });
});
