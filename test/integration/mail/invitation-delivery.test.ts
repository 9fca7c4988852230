import { describe, expect, it } from 'vitest';
import { renderInvitationEmail } from '../../../main/mail/invitation-email';
import { plainSettings, useMailDistricts } from '../../support/mail-district';

const mailDistrict = useMailDistricts();

const link = 'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=abc123&mt=8';

describe('sending invitation emails over real SMTP', () => {
  it('delivers the invitation with the school, the person and the link in both parts', async () => {
    const { api, mail, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server));

    const email = renderInvitationEmail({ organizationName: 'Springfield District', groupName: 'North High', personName: 'Zoë Park', invitationUrl: link });
    const result = await mail.mailer.send({ to: 'zoe@springfield.edu', fromName: 'Springfield District', ...email });

    expect(result).toEqual({ accepted: ['zoe@springfield.edu'], rejected: [] });
    const received = (await server.waitFor(1))[0]!;
    expect(received.recipients).toEqual(['zoe@springfield.edu']);
    const parsed = received.mail;
    expect(parsed.subject).toBe('North High (Springfield District) invites you to receive school apps and books from Apple');
    expect(parsed.from?.value).toEqual([{ name: 'Springfield District', address: 'invitations@springfield.edu' }]);
    expect(parsed.text).toContain(link);
    expect(parsed.text).toContain('Hello Zoë Park,');
    expect(parsed.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    expect(parsed.html).toContain('Hello Zoë Park,');
  });

  it('escapes a name that carries markup, so it cannot inject into the HTML part', async () => {
    const { api, mail, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server));

    const email = renderInvitationEmail({
      organizationName: 'Springfield District',
      groupName: 'North "High" & <b>Co</b>',
      personName: '<script>alert(1)</script>',
      invitationUrl: link,
    });
    await mail.mailer.send({ to: 'x@springfield.edu', ...email });

    const parsed = (await server.waitFor(1))[0]!.mail;
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(parsed.html).toContain('North &quot;High&quot; &amp; &lt;b&gt;Co&lt;/b&gt;');
    expect(parsed.text).toContain('Hello <script>alert(1)</script>,');
  });

  it('reports a recipient the server refuses as failed, with its reply, while the others are sent', async () => {
    const { api, mail, smtpServer } = await mailDistrict();
    const server = await smtpServer({ refuse: { 'gone@springfield.edu': 'No such mailbox here' } });
    await api.ok('root', 'mail.saveSettings', plainSettings(server));
    const email = renderInvitationEmail({ organizationName: 'Springfield District', groupName: 'North High', personName: 'A', invitationUrl: link });

    const oneEach = await Promise.all(
      ['ana@springfield.edu', 'gone@springfield.edu', 'ben@springfield.edu'].map((to) => mail.mailer.send({ to, ...email })),
    );
    expect(oneEach).toEqual([
      { accepted: ['ana@springfield.edu'], rejected: [] },
      { accepted: [], rejected: [{ address: 'gone@springfield.edu', reason: 'The mail server refused this address: "550 No such mailbox here".' }] },
      { accepted: ['ben@springfield.edu'], rejected: [] },
    ]);

    const together = await mail.mailer.send({ to: ['cy@springfield.edu', 'gone@springfield.edu'], ...email });
    expect(together).toEqual({
      accepted: ['cy@springfield.edu'],
      rejected: [{ address: 'gone@springfield.edu', reason: 'The mail server refused this address: "550 No such mailbox here".' }],
    });
    const received = await server.waitFor(3);
    expect(received.map((r) => r.recipients).sort()).toEqual([['ana@springfield.edu'], ['ben@springfield.edu'], ['cy@springfield.edu']]);
  });

  it('refuses to send before email is set up, in a sentence saying who sets it up', async () => {
    const { mail } = await mailDistrict();
    await expect(mail.mailer.send({ to: 'a@springfield.edu', subject: 's', html: '<p>h</p>', text: 't' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Email is not set up yet. A direct admin of the organization enters the mail server and sender address in Settings.',
    });
  });

  it('sends through the new server once the settings are saved again', async () => {
    const { api, mail, smtpServer } = await mailDistrict();
    const first = await smtpServer();
    const second = await smtpServer();
    const email = { subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' };
    await api.ok('root', 'mail.saveSettings', plainSettings(first));
    await mail.mailer.send({ to: 'a@springfield.edu', ...email });
    await api.ok('root', 'mail.saveSettings', plainSettings(second));
    await mail.mailer.send({ to: 'b@springfield.edu', ...email });

    expect((await first.waitFor(1)).map((r) => r.recipients)).toEqual([['a@springfield.edu']]);
    expect((await second.waitFor(1)).map((r) => r.recipients)).toEqual([['b@springfield.edu']]);
  });
});
