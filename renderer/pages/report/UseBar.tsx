import { useShare, type LicenseRow } from './report-types';

/** Licenses in use, as a bar with its numbers spoken. */
export function UseBar({ row }: { row: LicenseRow }) {
  const share = useShare(row);
  if (share === null) return <span className="muted">Free</span>;
  const percent = Math.round(share * 100);
  const level = share >= 0.9 ? 'high' : share >= 0.7 ? 'mid' : 'low';
  return (
    <span className="use-bar" role="img" aria-label={`${percent}% of licenses in use`}>
      <span className={`use-fill use-${level}`} data-percent={Math.round(percent / 5) * 5} />
    </span>
  );
}
