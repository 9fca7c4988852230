import { useCallback, useState } from 'react';
import { Tabs } from '../../components/Tabs';
import { useView, type ReportTab } from '../../store/view-store';
import type { GroupNode } from '../../store/tree-store';
import { AppleUsersTab } from './AppleUsersTab';
import { LicensesTab } from './LicensesTab';
import { SyncPanel } from './SyncPanel';

const tabs = [
  { id: 'licenses', label: 'Licenses' },
  { id: 'users', label: 'Users' },
] as const;

/**
 * The Managed Distribution Report at one level, read from the offline cache: it works
 * without Apple, and says when each service was last synced.
 */
export function ReportPage({ group }: { group: GroupNode }) {
  const { reportTab, setReportTab, reportServiceIds, openReport } = useView();
  const [version, setVersion] = useState(0);
  const synced = useCallback(() => setVersion((v) => v + 1), []);

  return (
    <section className="report" aria-label="Managed Distribution Report">
      <h2 className="section-title">Managed Distribution Report</h2>
      <SyncPanel groupId={group.id} onSynced={synced} />
      {reportServiceIds ? (
        <p className="banner banner-info" role="note">
          Showing one service only.{' '}
          <button type="button" className="link" onClick={() => openReport(reportTab, null)}>
            Show every service at this level
          </button>
        </p>
      ) : null}
      <Tabs<ReportTab> label="Report" tabs={tabs} active={reportTab} onChange={setReportTab} />
      {reportTab === 'licenses' ? (
        <LicensesTab groupId={group.id} groupName={group.name} serviceIds={reportServiceIds} version={version} />
      ) : (
        <AppleUsersTab groupId={group.id} groupName={group.name} serviceIds={reportServiceIds} version={version} />
      )}
    </section>
  );
}
