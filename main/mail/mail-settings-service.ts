import type { AuditLog } from '../audit/audit-log';
import type { ScopeReader } from '../directory/admin-scope';
import type { GroupStore } from '../directory/group-store';
import { requireOrganizationAdmin } from '../directory/organization-admin';
import { secretChange, secretForServer } from '../keychain/secret-change';
import { renderInvitationEmail, type RenderedEmail } from './invitation-email';
import type { Mailer } from './mailer';
import type { MailSettings, MailSettingsChange, MailSettingsStore } from './mail-settings-store';

/** Apple's link format with a made-up code, so the preview shows what people will click. */
export const SAMPLE_INVITATION_URL =
  'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=SAMPLE-INVITE-CODE&mt=8';

export const SAMPLE_PERSON = 'Jordan Sample';

/**
 * The Settings page's email section: every admin reads it, only direct admins of the
 * organization change it or send through it, since it speaks for the whole district.
 */
export class MailSettingsService {
  constructor(
    private readonly store: MailSettingsStore,
    private readonly mailer: Mailer,
    private readonly scopes: ScopeReader,
    private readonly audit: AuditLog,
    private readonly groups: GroupStore,
  ) {}

  read(): Promise<MailSettings> {
    return this.store.read();
  }

  /**
   * Saves the settings. A change of host, port or security drops a password the form kept
   * (it was entered for the old server); the audit entry says so.
   */
  async save(adminId: number, input: MailSettingsChange): Promise<MailSettings> {
    requireOrganizationAdmin(this.scopes.of(adminId), 'change the email settings');
    const { password: typed, ...values } = input;
    const before = await this.store.read();
    const serverChanged = before.host.trim().toLowerCase() !== values.host.trim().toLowerCase() || before.port !== values.port || before.security !== values.security;
    const password = secretForServer(typed, serverChanged);
    const dropped = before.passwordSet && password !== typed;
    const saved = await this.store.save({ ...values, password });
    this.audit.record(adminId, 'mail.saveSettings', 'settings:mail', {
      ...values,
      password: secretChange(typed, dropped),
      ...(dropped ? { passwordDropped: `The server changed from ${before.host}:${before.port} (${before.security}), so the stored password was removed; it must be entered again.` } : {}),
    });
    return saved;
  }

  async sendTest(adminId: number, to: string): Promise<string> {
    requireOrganizationAdmin(this.scopes.of(adminId), 'send a test email');
    const message = await this.mailer.sendTest(to);
    this.audit.record(adminId, 'mail.sendTest', 'settings:mail', { to });
    return message;
  }

  /** The invitation as a person of this group would get it; the admin must manage the group. */
  preview(adminId: number, groupId: number): RenderedEmail {
    const group = this.scopes.of(adminId).requireGroup(groupId);
    return renderInvitationEmail({
      organizationName: this.groups.root()?.name ?? group.name,
      groupName: group.name,
      personName: SAMPLE_PERSON,
      invitationUrl: SAMPLE_INVITATION_URL,
    });
  }
}
