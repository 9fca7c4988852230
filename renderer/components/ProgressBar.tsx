interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
  /** What is counted, when the numbers alone would read as something else (e.g. devices). */
  unit?: string;
}

export function ProgressBar({ label, done, total, unit }: ProgressBarProps) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress">
      <progress aria-label={label} max={Math.max(total, 1)} value={done} />
      <span className="progress-text">
        {label}: {done.toLocaleString()} of {total.toLocaleString()}
        {unit ? ` ${unit}` : ''} ({percent}%)
      </span>
    </div>
  );
}
