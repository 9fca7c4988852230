import { nextTurn } from '../../clock/next-turn';
import type { GenerationLeases } from './generation-leases';
import type { GenerationStore } from './generation-store';

/**
 * Rows per delete: each commit rewrites the index pages it touched, so like WRITE_BATCH_ROWS
 * it is large (a million rows take about 7 s in chunks of 50,000, 11 s in chunks of 20,000)
 * while each chunk blocks the main process for under half a second.
 */
const DELETE_CHUNK_ROWS = 50_000;

/**
 * Deletes the rows of generations nobody reads or writes: those a finished sync replaced, and
 * those a cancelled, failed or killed sync left behind.
 *
 * It deletes in chunks and yields between them, so a million stale rows do not freeze the
 * app; before each chunk it asks again which generations are live or leased, because a swap
 * or a new sync may have happened meanwhile.
 */
export class GenerationCleanup {
  private stopped = false;

  constructor(
    private readonly store: GenerationStore,
    private readonly leases: GenerationLeases,
    private readonly serviceIds: () => number[],
  ) {}

  /** Ends every cleanup at its next chunk: the database is closing. */
  stop(): void {
    this.stopped = true;
  }

  /** Rows deleted for one service. */
  async service(serviceId: number): Promise<number> {
    let deleted = 0;
    if (this.stopped) return deleted;
    for (const generation of this.store.generationsOf(serviceId)) {
      while (!this.stopped && !this.kept(serviceId, generation)) {
        const rows = this.store.deleteSome(serviceId, generation, DELETE_CHUNK_ROWS);
        if (rows === 0) break;
        deleted += rows;
        await nextTurn();
      }
    }
    return deleted;
  }

  /** Rows deleted for every service: what the app does when it starts. */
  async all(): Promise<number> {
    let deleted = 0;
    for (const serviceId of this.serviceIds()) {
      if (this.stopped) break;
      deleted += await this.service(serviceId);
    }
    return deleted;
  }

  private kept(serviceId: number, generation: number): boolean {
    return this.store.liveOf(serviceId) === generation || this.leases.of(serviceId).has(generation);
  }
}
