import { useState } from 'react';
import { Breadcrumb } from '../../components/Breadcrumb';
import { Tabs } from '../../components/Tabs';
import { pathTo, useTree, type GroupNode } from '../../store/tree-store';
import { AdminsTab } from '../admins/AdminsTab';
import { DevicesTab } from '../devices/DevicesTab';
import { ManagedDistributionTab } from '../distribution/ManagedDistributionTab';
import { ImportWizard } from '../import/ImportWizard';
import { ReportPage } from '../report/ReportPage';
import { useView, type GroupTab } from '../../store/view-store';
import { UsersTab } from '../users/UsersTab';
import { DeleteGroupDialog, MoveGroupDialog, NewGroupDialog, RenameGroupDialog } from './GroupDialogs';
import { kindLabels } from './group-labels';


type GroupDialog = 'new' | 'rename' | 'move' | 'delete' | 'import' | null;

const tabs = [
  { id: 'users', label: 'Users' },
  { id: 'devices', label: 'Devices' },
  { id: 'admins', label: 'Admins' },
  { id: 'distribution', label: 'Managed Distribution' },
  { id: 'report', label: 'Report' },
] as const;

/** One level of the organization: its path, its actions, and who and what is at or below it. */
export function GroupPage({ group }: { group: GroupNode }) {
  const groups = useTree((s) => s.groups);
  const select = useTree((s) => s.select);
  const tab = useView((s) => s.groupTab);
  const setTab = useView((s) => s.showGroupTab);
  const [dialog, setDialog] = useState<GroupDialog>(null);
  const isRoot = group.parentId === null;
  const close = () => setDialog(null);

  return (
    <div className="group-page">
      <Breadcrumb path={pathTo(groups, group.id)} onSelect={select} />
      <header className="group-header">
        <div>
          <p className="eyebrow">{kindLabels[group.kind]}</p>
          <h1>{group.name}</h1>
        </div>
        <div className="group-actions">
          <button type="button" onClick={() => setDialog('new')}>
            New group…
          </button>
          <button type="button" onClick={() => setDialog('rename')}>
            Rename…
          </button>
          {isRoot ? null : (
            <>
              <button type="button" onClick={() => setDialog('move')}>
                Move…
              </button>
              <button type="button" onClick={() => setDialog('delete')}>
                Delete…
              </button>
            </>
          )}
          <button type="button" className="primary" onClick={() => setDialog('import')}>
            Import from Apple School Manager…
          </button>
        </div>
      </header>
      <Tabs<GroupTab> label="Directory" tabs={tabs} active={tab} onChange={setTab} />
      {tab === 'users' ? <UsersTab groupId={group.id} /> : null}
      {tab === 'devices' ? <DevicesTab groupId={group.id} /> : null}
      {tab === 'admins' ? <AdminsTab groupId={group.id} /> : null}
      {tab === 'distribution' ? <ManagedDistributionTab group={group} /> : null}
      {tab === 'report' ? <ReportPage group={group} /> : null}
      {dialog === 'new' ? <NewGroupDialog group={group} onClose={close} /> : null}
      {dialog === 'rename' ? <RenameGroupDialog group={group} onClose={close} /> : null}
      {dialog === 'move' ? <MoveGroupDialog group={group} onClose={close} /> : null}
      {dialog === 'delete' ? <DeleteGroupDialog group={group} onClose={close} /> : null}
      {dialog === 'import' ? <ImportWizard group={group} onClose={close} /> : null}
    </div>
  );
}
