/**
 * The generation numbers syncs in flight write under, so no cleanup deletes their rows.
 *
 * A new number is above everything the service still holds and everything issued in this run
 * of the app, so a sync never writes into rows an earlier, abandoned attempt left behind.
 */
export class GenerationLeases {
  private readonly leased = new Map<number, Set<number>>();
  private readonly issued = new Map<number, number>();

  constructor(private readonly highestHeld: (serviceId: number) => number | null) {}

  lease(serviceId: number): number {
    const generation = Math.max(this.highestHeld(serviceId) ?? 0, this.issued.get(serviceId) ?? 0) + 1;
    this.issued.set(serviceId, generation);
    const held = this.leased.get(serviceId) ?? new Set<number>();
    held.add(generation);
    this.leased.set(serviceId, held);
    return generation;
  }

  release(serviceId: number, generation: number): void {
    const held = this.leased.get(serviceId);
    held?.delete(generation);
    if (held?.size === 0) this.leased.delete(serviceId);
  }

  of(serviceId: number): ReadonlySet<number> {
    return this.leased.get(serviceId) ?? new Set<number>();
  }
}
