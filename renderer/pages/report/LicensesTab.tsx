import { useState } from 'react';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SearchBox } from '../../components/SearchBox';
import { SelectField } from '../../components/SelectField';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useListQuery } from '../../hooks/useListQuery';
import { ReclaimDialog } from '../installs/ReclaimDialog';
import { AssignmentsDialog } from './AssignmentsDialog';
import { count, type LicenseQuery, type LicenseRow } from './report-types';
import { TopAppsChart } from './TopAppsChart';
import { UseBar } from './UseBar';
import { useCsvExport, useReportRows } from './useReportRows';

type Sort = 'name' | 'assigned' | 'available' | 'total' | 'use';
type Row = LicenseRow & { id: number };

const anyOption = { value: '', label: 'Any' };
const typeOptions = [anyOption, { value: 'App', label: 'Apps' }, { value: 'Book', label: 'Books' }];
const platformOptions = [anyOption, ...['iPadOS', 'iOS', 'macOS', 'tvOS'].map((p) => ({ value: p, label: p }))];
const pricingOptions = [anyOption, { value: 'STDQ', label: 'Standard (STDQ)' }, { value: 'PLUS', label: 'High quality (PLUS)' }];

const columns: Column<Row, Sort>[] = [
  {
    key: 'name',
    label: 'App or book',
    sort: 'name',
    width: '2.4fr',
    render: (r) => (
      <span className="app-cell">
        {r.iconUrl ? <img src={r.iconUrl} alt="" width={24} height={24} /> : <span className="app-icon-placeholder" aria-hidden="true" />}
        <span>{r.name ?? `Adam ID ${r.adamId}`}</span>
      </span>
    ),
  },
  { key: 'adam', label: 'Adam ID', width: '1fr', render: (r) => <code>{r.adamId}</code> },
  { key: 'type', label: 'Type', width: '0.9fr', render: (r) => `${r.productType} · ${r.pricing}` },
  { key: 'platforms', label: 'Platforms', width: '1.1fr', render: (r) => r.platforms.join(', ') || '—' },
  { key: 'device', label: 'Device', width: '0.6fr', render: (r) => (r.deviceAssignable ? 'Yes' : 'No') },
  { key: 'total', label: 'Total', sort: 'total', width: '0.8fr', render: (r) => count(r.total, r.unlimited) },
  { key: 'assigned', label: 'Assigned', sort: 'assigned', width: '0.8fr', render: (r) => count(r.assigned) },
  { key: 'available', label: 'Available', sort: 'available', width: '0.8fr', render: (r) => count(r.available, r.unlimited) },
  { key: 'retired', label: 'Retired', width: '0.7fr', render: (r) => count(r.retired) },
  { key: 'use', label: 'Use', sort: 'use', width: '1fr', render: (r) => <UseBar row={r} /> },
];

/** Licenses tab: one row per app or book and service, with filters, search and export. */
export function LicensesTab({ groupId, groupName, serviceIds, version }: { groupId: number; groupName: string; serviceIds: number[] | null; version: number }) {
  const query = useListQuery<Sort>('name');
  const [productType, setProductType] = useState('');
  const [platform, setPlatform] = useState('');
  const [pricing, setPricing] = useState('');
  const [low, setLow] = useState(false);
  const [open, setOpen] = useState<LicenseRow | null>(null);
  const [reclaiming, setReclaiming] = useState(false);
  const csv = useCsvExport();

  const filters: LicenseQuery = {
    groupId,
    serviceIds,
    search: query.search,
    sort: query.sort,
    direction: query.direction,
    productType: (productType || null) as LicenseQuery['productType'],
    platform: (platform || null) as LicenseQuery['platform'],
    pricing: (pricing || null) as LicenseQuery['pricing'],
    lowAvailability: low,
  };
  const rows = useReportRows(JSON.stringify(filters), version, (offset, limit) => api.report.licenses({ ...filters, offset, limit }));

  return (
    <section className="tab-panel" aria-label="Licenses">
      <TopAppsChart groupId={groupId} serviceIds={serviceIds} version={version} />
      <div className="toolbar filters">
        <SearchBox label="Search apps and books" onSearch={query.setSearch} />
        <SelectField label="Type" value={productType} options={typeOptions} onChange={(e) => setProductType(e.target.value)} />
        <SelectField label="Platform" value={platform} options={platformOptions} onChange={(e) => setPlatform(e.target.value)} />
        <SelectField label="Pricing" value={pricing} options={pricingOptions} onChange={(e) => setPricing(e.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={low} onChange={(e) => setLow(e.target.checked)} />
          Low availability
        </label>
        <span className="spacer" />
        <button type="button" onClick={() => setReclaiming(true)}>
          Reclaim suggestions…
        </button>
        <button type="button" onClick={() => void csv.run({ kind: 'licenses', query: filters })}>
          Export CSV
        </button>
      </div>
      {csv.message ? <p role="status">{csv.message}</p> : null}
      <ErrorBanner message={csv.error ?? rows.error?.message} />
      <VirtualTable
        label="Licenses"
        columns={columns}
        {...rows}
        sort={query.sort}
        direction={query.direction}
        onSort={query.toggleSort}
        onOpen={(row) => setOpen(row)}
        emptyText="No licenses match. Sync a service, or change the filters."
      />
      {open ? <AssignmentsDialog groupId={groupId} groupName={groupName} license={open} onClose={() => setOpen(null)} /> : null}
      {reclaiming ? <ReclaimDialog groupId={groupId} onClose={() => setReclaiming(false)} /> : null}
    </section>
  );
}
