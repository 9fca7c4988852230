import { useState } from 'react';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { GroupNode } from '../../store/tree-store';
import { useView } from '../../store/view-store';
import { AddTokenDialog } from './AddTokenDialog';
import { InviteUsersDialog } from './InviteUsersDialog';
import { RemoveTokenDialog } from './RemoveTokenDialog';
import { TakeOverDialog } from './TakeOverDialog';
import { formatDay, refusalNotice, statusLabels, statusNotice, takeOverAsked, type ServiceView, type TokenView } from './token-labels';
import { ViewTokenDialog } from './ViewTokenDialog';

type Open =
  | { kind: 'add' }
  | { kind: 'invite' }
  | { kind: 'view'; token: TokenView }
  | { kind: 'remove'; token: TokenView }
  | { kind: 'take-over'; token: TokenView; otherMdm: string }
  | null;

/** One Managed Distribution service at one level: its location, active token, actions and tokens. */
export function ServiceCard({ service, group }: { service: ServiceView; group: GroupNode }) {
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const openReport = useView((s) => s.openReport);
  const active = service.tokens.find((t) => t.active) ?? null;
  const notice = active ? statusNotice(active) : null;
  const refusal = active ? refusalNotice(active) : null;
  const otherMdm = service.otherMdm?.name ?? null;
  const headingId = `service-${service.id}`;

  /** Starts the sync and shows the report, where its progress is. */
  async function syncNow() {
    const result = await api.sync.start({ serviceId: service.id });
    if (result.ok) openReport('licenses', [service.id]);
    else setError(result.error.message);
  }

  async function run(call: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    const result = await call();
    setError(result.ok ? null : (result.error?.message ?? null));
  }

  /** Make active claims the location with Apple; if another MDM holds it, the admin is asked first. */
  async function makeActive(token: TokenView, takeOver = false) {
    setBusy(true);
    const result = await api.tokens.makeActive({ tokenId: token.id, takeOver });
    setBusy(false);
    const otherMdm = result.ok ? null : takeOverAsked(result.error);
    if (otherMdm) {
      setOpen({ kind: 'take-over', token, otherMdm });
      return;
    }
    setOpen(null);
    setError(result.ok ? null : result.error.message);
  }

  return (
    <article className="service-card" aria-labelledby={headingId}>
      <header className="service-head">
        <div>
          <h3 id={headingId}>{service.name}</h3>
          <p className="muted">
            {service.locationName ? `Apple location: ${service.locationName}` : 'No token yet'}
            {active ? ` · Organization: ${active.orgName}` : ''}
            {service.inherited ? ` · Kept in ${service.groupName} (read only here)` : ''}
          </p>
        </div>
        <div className={`token-status status-${active?.status ?? 'none'}`}>
          {active ? `Active token: ${statusLabels[active.status]}, expires ${formatDay(active.expiresAt)}` : 'No active token'}
        </div>
      </header>
      {notice ? (
        <div className={active?.status === 'expiring' ? 'banner banner-warning-box' : 'banner banner-error'} role="alert">
          {notice}
        </div>
      ) : null}
      {refusal ? (
        <div className="banner banner-warning-box" role="status" aria-label="Apple refused the token">
          {refusal}
        </div>
      ) : null}
      {otherMdm ? (
        <div className="banner banner-warning-box" role="status">
          Apple says {otherMdm} now manages this location. Only one server should manage a location at a time: check with whoever runs {otherMdm}{' '}
          before installing apps from here.
          {active && service.directAdmin && !service.inherited ? (
            <>
              {' '}
              <button type="button" className="link" onClick={() => setOpen({ kind: 'take-over', token: active, otherMdm })}>
                Take the location back…
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {active && !service.usableHere && (active.status === 'valid' || active.status === 'expiring') ? (
        <p className="banner banner-info" role="note">
          You cannot use this token here: only a direct admin of {service.groupName} may use it, in {service.groupName} and the groups
          below it.
        </p>
      ) : null}
      <ErrorBanner message={error} />
      <div className="service-actions">
        <button type="button" disabled={!active} onClick={() => active && setOpen({ kind: 'view', token: active })}>
          View Token
        </button>
        <button type="button" onClick={() => openReport('licenses', [service.id])}>
          View Licenses
        </button>
        <button type="button" onClick={() => openReport('users', [service.id])}>
          View Users
        </button>
        <button
          type="button"
          disabled={!service.usableHere}
          aria-describedby={service.usableHere ? undefined : `${headingId}-invite`}
          onClick={() => setOpen({ kind: 'invite' })}
        >
          Invite Users
        </button>
        <button type="button" disabled={!active} onClick={() => void syncNow()}>
          Sync now
        </button>
        {service.directAdmin && !service.inherited ? (
          <button type="button" className="primary" onClick={() => setOpen({ kind: 'add' })}>
            Add Token
          </button>
        ) : null}
      </div>
      {service.usableHere ? null : (
        <p className="field-hint" id={`${headingId}-invite`}>
          {inviteUnavailable(service, active)}
        </p>
      )}
      {service.tokens.length > 0 ? (
        <table className="plain-table" aria-label={`Tokens of ${service.name}`}>
          <thead>
            <tr>
              <th scope="col">Fingerprint</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {service.tokens.map((token) => (
              <tr key={token.id}>
                <td>
                  <code>{token.fingerprint}</code>
                  {token.active ? <span className="pill">Active</span> : null}
                </td>
                <td>{formatDay(token.expiresAt)}</td>
                <td>{statusLabels[token.status]}</td>
                <td>
                  {formatDay(token.addedAt)}
                  {token.addedBy ? ` by ${token.addedBy}` : ''}
                </td>
                <td className="row-actions">
                  <button type="button" className="link" onClick={() => setOpen({ kind: 'view', token })}>
                    View
                  </button>
                  {service.directAdmin && !token.active ? (
                    <button type="button" className="link" disabled={busy} onClick={() => void makeActive(token)}>
                      Make active
                    </button>
                  ) : null}
                  {service.directAdmin ? (
                    <button type="button" className="link" onClick={() => void run(() => api.tokens.recheck({ tokenId: token.id }))}>
                      Check with Apple
                    </button>
                  ) : null}
                  {service.mayRemoveTokens ? (
                    <button type="button" className="danger-link" onClick={() => setOpen({ kind: 'remove', token })}>
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open?.kind === 'invite' ? <InviteUsersDialog service={service} groupId={group.id} groupName={group.name} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'add' ? <AddTokenDialog service={service} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'view' ? <ViewTokenDialog service={service} token={open.token} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'remove' ? <RemoveTokenDialog service={service} token={open.token} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'take-over' ? (
        <TakeOverDialog otherMdm={open.otherMdm} busy={busy} onTakeOver={() => void makeActive(open.token, true)} onClose={() => setOpen(null)} />
      ) : null}
    </article>
  );
}

/** Why Invite Users is unavailable here, in the admin's terms. */
function inviteUnavailable(service: ServiceView, active: TokenView | null): string {
  if (!active) return 'Invite Users needs an active token.';
  if (active.status !== 'valid' && active.status !== 'expiring') return `Invite Users needs a usable token; the active token is ${statusLabels[active.status].toLowerCase()}.`;
  return `Only a direct admin of ${service.groupName} can invite users with this service, in ${service.groupName} and below.`;
}
