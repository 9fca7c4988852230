import { useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { GroupNode } from '../../store/tree-store';

type EmailPreview = ChannelOutput<'mail.previewInvitation'>;

/**
 * The invitation email as a person of this group would get it, with a sample name and link.
 *
 * The HTML part is shown in an iframe sandboxed with no permissions at all: it is our own
 * template, but it carries names from rosters, and nothing in it may run or navigate. The
 * page's style policy applies inside too, so the preview shows the text and layout without
 * the email's inline colours.
 */
export function InvitationPreview({ group }: { group: GroupNode }) {
  const [preview, setPreview] = useState<EmailPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    const result = await api.mail.previewInvitation({ groupId: group.id });
    setPreview(result.ok ? result.value : null);
    setError(result.ok ? null : result.error.message);
  }

  return (
    <div className="invitation-preview">
      <div className="toolbar">
        <button type="button" onClick={() => void load()}>
          Preview invitation email
        </button>
        <span className="muted">As a person in {group.name} would get it.</span>
      </div>
      <ErrorBanner message={error} />
      {preview ? (
        <section className="invitation-preview-body" aria-label="Invitation email preview">
          <p>
            <span className="field-label">Subject: </span>
            <span data-testid="preview-subject">{preview.subject}</span>
          </p>
          <iframe className="invitation-preview-html" title="Invitation email, HTML part" sandbox="" srcDoc={preview.html} />
          <h3 className="invitation-preview-heading">Plain-text part</h3>
          <pre className="invitation-preview-text" aria-label="Invitation email, plain-text part">
            {preview.text}
          </pre>
        </section>
      ) : null}
    </div>
  );
}
