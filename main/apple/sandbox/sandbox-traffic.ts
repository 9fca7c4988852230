export interface RecordedRequest {
  method: string;
  /** The endpoint path, without the `/mdm/v2` base (e.g. "/assets", "/lookup"). */
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface TrafficStats {
  requests: number;
  inFlight: number;
  /** The most requests that were open at the same moment since the last reset. */
  maxInFlight: number;
}

const maxRecorded = 10_000;

/** What clients asked and how many at once, so tests can check paging parallelism and batching. */
export class TrafficRecorder {
  private stats: TrafficStats = { requests: 0, inFlight: 0, maxInFlight: 0 };
  private recorded: RecordedRequest[] = [];

  begin(): void {
    this.stats.requests += 1;
    this.stats.inFlight += 1;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
  }

  end(): void {
    this.stats.inFlight -= 1;
  }

  record(request: RecordedRequest): void {
    this.recorded.push(request);
    if (this.recorded.length > maxRecorded) this.recorded.shift();
  }

  snapshot(): TrafficStats {
    return { ...this.stats };
  }

  requests(): RecordedRequest[] {
    return [...this.recorded];
  }

  reset(): void {
    this.stats = { requests: 0, inFlight: this.stats.inFlight, maxInFlight: this.stats.inFlight };
    this.recorded = [];
  }
}
