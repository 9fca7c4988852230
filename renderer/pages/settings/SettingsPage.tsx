import { useTree, type GroupNode } from '../../store/tree-store';
import { DiagnosticsSection } from './DiagnosticsSection';
import { MailSettingsSection } from './MailSettingsSection';
import { MdmSettingsSection } from './MdmSettingsSection';
import { SessionSettingsSection } from './SessionSettingsSection';

/**
 * Settings for the whole district: the mail server invitations go out through, the MDM
 * server device commands go to, and how long an unused window stays signed in.
 *
 * Main lets only direct admins of the organization change them; other admins see them read
 * only, told why, and can still preview the invitation email for `group`.
 */
export function SettingsPage({ group }: { group: GroupNode }) {
  const organizationAdmin = useTree((s) => s.groups.some((g) => g.parentId === null && g.direct));

  return (
    <div className="group-page settings-page" aria-label="Settings">
      <header className="group-header">
        <div>
          <p className="eyebrow">Settings</p>
          <h1>Email and MDM server</h1>
        </div>
      </header>
      {organizationAdmin ? null : (
        <p className="banner banner-info" role="note">
          These settings speak for the whole organization, so only its direct admins can change them. You can read them and preview
          the invitation email.
        </p>
      )}
      <MailSettingsSection group={group} editable={organizationAdmin} />
      <MdmSettingsSection editable={organizationAdmin} />
      <SessionSettingsSection editable={organizationAdmin} />
      <DiagnosticsSection editable={organizationAdmin} />
    </div>
  );
}
