interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
}

export function ProgressBar({ label, done, total }: ProgressBarProps) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress">
      <progress aria-label={label} max={Math.max(total, 1)} value={done} />
      <span className="progress-text">
        {label}: {done.toLocaleString()} of {total.toLocaleString()} ({percent}%)
      </span>
    </div>
  );
}
