/** Where progress goes: the job's `progress.report`. */
export type ProgressSink = (phase: string, done: number, total: number) => void;

export interface ReadProgress {
  /** One page arrived with this many rows; `totalPages` is what the page says the read has. */
  page(totalPages: number, rows: number): void;
  /** The read ended: pages it announced but never had leave the total. */
  end(): void;
}

/** "Assignments · 12,000 rows": the phase with the rows it has read so far. */
export function phaseLabel(phase: string, rows: number): string {
  return `${phase} · ${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`;
}

/**
 * A sync's progress bar: pages done over pages known, across every read of the sync.
 *
 * A read's size is known only from its first page, so the total grows as each read begins
 * (and shrinks if a read ends early because rows went away meanwhile); the bar never goes
 * backwards by more than that. Rows are counted per phase for the label.
 */
export class SyncProgress {
  private done = 0;
  private known = 0;
  private readonly rows = new Map<string, number>();

  constructor(private readonly sink: ProgressSink) {}

  read(phase: string): ReadProgress {
    let seen = 0;
    let counted = 0;
    return {
      page: (totalPages, rows) => {
        seen += 1;
        const expected = Math.max(totalPages, seen);
        if (expected > counted) {
          this.known += expected - counted;
          counted = expected;
        }
        this.done += 1;
        const phaseRows = (this.rows.get(phase) ?? 0) + rows;
        this.rows.set(phase, phaseRows);
        this.sink(phaseLabel(phase, phaseRows), this.done, this.known);
      },
      end: () => {
        this.known -= counted - seen;
        counted = seen;
      },
    };
  }

  /** Rows read so far under a phase. */
  rowsOf(phase: string): number {
    return this.rows.get(phase) ?? 0;
  }
}
