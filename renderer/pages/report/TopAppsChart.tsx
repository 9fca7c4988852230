import { useEffect, useState } from 'react';
import { api } from '../../bridge/api';
import { count, type LicenseRow } from './report-types';

const TOP = 8;

/**
 * The apps with the most licenses in use, as bars; a table carries the same numbers for
 * screen readers and for anyone who prefers reading them.
 */
export function TopAppsChart({ groupId, serviceIds, version }: { groupId: number; serviceIds: number[] | null; version: number }) {
  const [rows, setRows] = useState<LicenseRow[]>([]);
  useEffect(() => {
    let current = true;
    void api.report.licenses({ groupId, serviceIds, sort: 'assigned', direction: 'desc', limit: TOP }).then((result) => {
      if (current && result.ok) setRows(result.value.rows.filter((r) => r.assigned > 0));
    });
    return () => {
      current = false;
    };
  }, [groupId, serviceIds, version]);

  if (rows.length === 0) return null;
  const max = Math.max(...rows.map((r) => r.assigned));
  const barHeight = 22;
  return (
    <figure className="chart">
      <figcaption>Most-used licenses</figcaption>
      <svg viewBox={`0 0 600 ${rows.length * barHeight}`} role="img" aria-label="Bar chart of the most-used licenses; the numbers follow in a table" className="chart-svg">
        {rows.map((row, i) => {
          const width = Math.max(2, (row.assigned / max) * 380);
          return (
            <g key={`${row.serviceId}:${row.adamId}:${row.pricing}`} transform={`translate(0 ${i * barHeight})`}>
              <text x="0" y="15" className="chart-label">
                {(row.name ?? row.adamId).slice(0, 28)}
              </text>
              <rect x="200" y="4" width={width} height="14" rx="3" className="chart-bar" />
              <text x={206 + width} y="15" className="chart-value">
                {row.assigned.toLocaleString()}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>Most-used licenses</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.serviceId}:${row.adamId}:${row.pricing}`}>
              <th scope="row">{row.name ?? row.adamId}</th>
              <td>
                {row.assigned.toLocaleString()} assigned of {count(row.total, row.unlimited)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
