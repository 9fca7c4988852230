import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMTP_PASSWORD_ACCOUNT } from '../../../main/mail/mail-settings-store';
import { plainSettings, useMailDistricts } from '../../support/mail-district';

const mailDistrict = useMailDistricts();

const PASSWORD = 'smtp-Pa55word-that-must-stay-in-the-keychain';

function dataFolderBytes(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

describe('email settings', () => {
  it('start empty, with STARTTLS on port 587 and a rate most mail services accept', async () => {
    const { api } = await mailDistrict();
    expect(await api.ok('school', 'mail.settings', {})).toEqual({
      host: '',
      port: 587,
      security: 'starttls',
      user: '',
      from: '',
      passwordSet: false,
      ratePerMinute: 60,
    });
  });

  it('keep the password in the keychain only, never in the SQLite files or the audit log', async () => {
    const { api, app, dataDir, secrets, ports, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    const saved = await api.ok('root', 'mail.saveSettings', plainSettings(server, { user: 'mailer@springfield.edu', password: PASSWORD, security: 'starttls' }));

    expect(saved).toEqual({
      host: '127.0.0.1',
      port: server.port,
      security: 'starttls',
      user: 'mailer@springfield.edu',
      from: 'invitations@springfield.edu',
      passwordSet: true,
      ratePerMinute: 600,
    });
    expect(await secrets.get(SMTP_PASSWORD_ACCOUNT)).toBe(PASSWORD);
    const before = dataFolderBytes(dataDir);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const bytes of [before, dataFolderBytes(dataDir)]) {
      expect(bytes).toContain('mailer@springfield.edu');
      expect(bytes).not.toContain(PASSWORD);
    }
    const [entry] = ports.audit.latest(1);
    expect(entry).toMatchObject({ adminId: 1, action: 'mail.saveSettings', target: 'settings:mail', details: { host: '127.0.0.1', password: 'replaced' } });
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
  });

  it('keep the stored password when none is sent, and remove it for an empty one', async () => {
    const { api, secrets, ports, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { user: 'mailer', password: PASSWORD }));

    expect(await api.ok('root', 'mail.saveSettings', plainSettings(server, { user: 'mailer', password: null, ratePerMinute: 30 }))).toMatchObject({
      passwordSet: true,
      ratePerMinute: 30,
    });
    expect(await secrets.get(SMTP_PASSWORD_ACCOUNT)).toBe(PASSWORD);
    expect(ports.audit.latest(1)[0]?.details).toMatchObject({ password: 'kept' });

    expect(await api.ok('root', 'mail.saveSettings', plainSettings(server, { password: '' }))).toMatchObject({ passwordSet: false });
    expect(await secrets.get(SMTP_PASSWORD_ACCOUNT)).toBeNull();
    expect(ports.audit.latest(1)[0]?.details).toMatchObject({ password: 'removed' });
  });

  it('drop the stored password when the server changes though the form kept it: the new server never sees a sign-in, and the audit says so', async () => {
    const { api, secrets, ports, smtpServer } = await mailDistrict();
    const trusted = await smtpServer({ users: { mailer: PASSWORD } });
    await api.ok('root', 'mail.saveSettings', plainSettings(trusted, { user: 'mailer', password: PASSWORD }));
    await api.ok('root', 'mail.sendTest', { to: 'ada@springfield.edu' });
    expect(trusted.authAttempts).toEqual([{ method: 'PLAIN', username: 'mailer', password: PASSWORD }]);

    // Another server, one that asks everyone to sign in: what would it be sent?
    const other = await smtpServer({ users: { someone: 'else' } });
    const saved = await api.ok('root', 'mail.saveSettings', plainSettings(other, { user: 'mailer', password: null }));

    expect(saved).toMatchObject({ port: other.port, passwordSet: false });
    expect(await secrets.get(SMTP_PASSWORD_ACCOUNT)).toBeNull();
    expect(ports.audit.latest(1)[0]?.details).toMatchObject({
      password: 'dropped',
      passwordDropped: `The server changed from 127.0.0.1:${trusted.port} (none), so the stored password was removed; it must be entered again.`,
    });
    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `Nothing was sent: the email settings sign in as "mailer", but no password is stored for 127.0.0.1:${other.port}. A direct admin of the organization enters it in Settings (a change of server removes the stored password).`,
      },
    });
    expect(other.authAttempts).toEqual([]);
    expect(other.received).toEqual([]);
  });

  it('keep the stored password when only the sender, user or rate changes, and a change of security drops it too', async () => {
    const { api, secrets, ports, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { user: 'mailer', password: PASSWORD }));
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { host: ' 127.0.0.1 ', user: 'mailer2', from: 'it@springfield.edu', ratePerMinute: 10 }));
    expect(await secrets.get(SMTP_PASSWORD_ACCOUNT)).toBe(PASSWORD);
    expect(ports.audit.latest(1)[0]?.details).toMatchObject({ password: 'kept' });

    expect(await api.ok('root', 'mail.saveSettings', plainSettings(server, { user: 'mailer', security: 'starttls' }))).toMatchObject({ passwordSet: false });
    expect(ports.audit.latest(1)[0]?.details).toMatchObject({ password: 'dropped' });
  });

  it('are read by any admin but changed, and tested, only by a direct admin of the organization', async () => {
    const { api, secrets, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server));

    expect(await api.call('school', 'mail.saveSettings', plainSettings(server, { host: 'mail.evil.test', password: 'x' }))).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a direct admin of the organization can change the email settings.' },
    });
    expect(await api.call('school', 'mail.sendTest', { to: 'sam@springfield.edu' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a direct admin of the organization can send a test email.' },
    });
    expect(await api.ok('school', 'mail.settings', {})).toMatchObject({ host: '127.0.0.1' });
    expect(await secrets.get(SMTP_PASSWORD_ACCOUNT)).toBeNull();
    expect(server.received).toEqual([]);
  });

  it('refuse a bad form field by field, storing nothing', async () => {
    const { api } = await mailDistrict();
    const result = await api.call('root', 'mail.saveSettings', { host: ' ', port: 0, security: 'none', user: '', from: 'not an address', password: null, ratePerMinute: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.details).toEqual(
      expect.arrayContaining([
        { path: 'host', message: 'Enter the SMTP server name.' },
        { path: 'port', message: 'Enter a port from 1 to 65535.' },
        { path: 'from', message: 'Enter the address invitations are sent from.' },
        { path: 'ratePerMinute', message: 'Send at least one email a minute.' },
      ]),
    );
    expect(await api.ok('root', 'mail.settings', {})).toMatchObject({ host: '' });
  });

  it('send a test email and say where it went; the sending is audited', async () => {
    const { api, ports, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server));

    expect(await api.ok('root', 'mail.sendTest', { to: ' Ada@Springfield.edu ' })).toEqual({
      message: `A test email was sent to ada@springfield.edu through 127.0.0.1:${server.port}. If it does not arrive within a few minutes, look in the spam folder.`,
    });
    const [received] = await server.waitFor(1);
    expect(received?.recipients).toEqual(['ada@springfield.edu']);
    expect(received?.mail.subject).toBe('Test email from Managed Distribution');
    expect(ports.audit.latest(1)[0]).toMatchObject({ action: 'mail.sendTest', details: { to: 'ada@springfield.edu' } });
  });
});

describe('the invitation preview', () => {
  it('renders the email for the chosen group with a sample person and link', async () => {
    const { api, school } = await mailDistrict();
    const preview = await api.ok('school', 'mail.previewInvitation', { groupId: school.id });
    expect(preview.subject).toBe('North High (Springfield District) invites you to receive school apps and books from Apple');
    expect(preview.text).toContain('Hello Jordan Sample,');
    expect(preview.text).toContain('inviteCode=SAMPLE-INVITE-CODE');
    expect(preview.html).toContain('North High invites you to receive school apps and books');
  });

  it('is refused for a group the admin does not manage, as for one that does not exist', async () => {
    const { api } = await mailDistrict();
    expect(await api.call('school', 'mail.previewInvitation', { groupId: 1 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That group does not exist or is not yours to see. Reload the organization tree.' },
    });
  });
});
