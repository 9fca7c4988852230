/**
 * Bytes of request bodies held in memory at once, across every request, up to a limit.
 *
 * Browser mode reads a call's whole body before parsing it; without a shared bound, many
 * large bodies at once could take the machine's memory.
 */
export class ByteBudget {
  private used = 0;
  private highest = 0;

  constructor(readonly limit: number) {}

  /** Takes the bytes if they fit alongside those already held. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    this.highest = Math.max(this.highest, this.used);
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }

  get inUse(): number {
    return this.used;
  }

  /** The most bytes held at once since the server started. */
  get peak(): number {
    return this.highest;
  }
}
