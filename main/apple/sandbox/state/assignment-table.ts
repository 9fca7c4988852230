/** Who holds a license: a user (by index in the user store) or a device (by serial index). */
export type Holder = { kind: 'user'; index: number } | { kind: 'device'; index: number };

const initialCapacity = 1024;

/**
 * The licenses held at one location, stored column by column.
 *
 * A later benchmark runs a million assignments: one object per row would cost hundreds of
 * megabytes, typed columns cost about 17 bytes a row. Removed rows stay (not live) with the
 * version of their removal, so rows keep their positions while pages are being read.
 */
export class AssignmentTable {
  private assets = new Int32Array(initialCapacity);
  private users = new Int32Array(initialCapacity);
  private devices = new Int32Array(initialCapacity);
  private versions = new Uint32Array(initialCapacity);
  private liveFlags = new Uint8Array(initialCapacity);
  private rowCount = 0;
  private readonly serials: string[] = [];
  private readonly serialIndexes = new Map<string, number>();
  private readonly rowsByUser: (number[] | undefined)[] = [];
  private readonly rowsByDevice: (number[] | undefined)[] = [];

  get length(): number {
    return this.rowCount;
  }

  /** The index of a device serial number, registering it when `create` is set. */
  deviceIndex(serialNumber: string, create: boolean): number | undefined {
    const known = this.serialIndexes.get(serialNumber);
    if (known !== undefined || !create) return known;
    this.serials.push(serialNumber);
    this.serialIndexes.set(serialNumber, this.serials.length - 1);
    return this.serials.length - 1;
  }

  serialAt(deviceIndex: number): string {
    const serial = this.serials[deviceIndex];
    if (serial === undefined) throw new Error(`No device at index ${deviceIndex}.`);
    return serial;
  }

  add(assetIndex: number, holder: Holder, version: number): number {
    this.ensureCapacity(this.rowCount + 1);
    const row = this.rowCount++;
    this.assets[row] = assetIndex;
    this.users[row] = holder.kind === 'user' ? holder.index : -1;
    this.devices[row] = holder.kind === 'device' ? holder.index : -1;
    this.versions[row] = version;
    this.liveFlags[row] = 1;
    this.holderRows(holder, true).push(row);
    return row;
  }

  remove(row: number, version: number): void {
    if (!this.isLive(row)) return;
    this.liveFlags[row] = 0;
    this.versions[row] = version;
    const rows = this.holderRows(this.holderOf(row), false);
    rows.splice(rows.indexOf(row), 1);
  }

  /** The live row where this holder has this asset, or -1. */
  find(assetIndex: number, holder: Holder): number {
    return this.holderRows(holder, false).find((row) => this.assets[row] === assetIndex) ?? -1;
  }

  /** The live rows of one holder. */
  rowsOf(holder: Holder): readonly number[] {
    return this.holderRows(holder, false);
  }

  isLive(row: number): boolean {
    return this.liveFlags[row] === 1;
  }

  assetOf(row: number): number {
    return this.assets[row] ?? -1;
  }

  versionOf(row: number): number {
    return this.versions[row] ?? 0;
  }

  holderOf(row: number): Holder {
    const user = this.users[row] ?? -1;
    return user >= 0 ? { kind: 'user', index: user } : { kind: 'device', index: this.devices[row] ?? -1 };
  }

  /** Row numbers, in order, for which `keep` holds. */
  select(keep: (row: number) => boolean): Int32Array {
    const selected = new Int32Array(this.rowCount);
    let count = 0;
    for (let row = 0; row < this.rowCount; row++) if (keep(row)) selected[count++] = row;
    return selected.slice(0, count);
  }

  private holderRows(holder: Holder, create: boolean): number[] {
    const byHolder = holder.kind === 'user' ? this.rowsByUser : this.rowsByDevice;
    const rows = byHolder[holder.index];
    if (rows) return rows;
    const fresh: number[] = [];
    if (create) byHolder[holder.index] = fresh;
    return fresh;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.assets.length) return;
    const capacity = Math.max(needed, this.assets.length * 2);
    this.assets = grow(this.assets, new Int32Array(capacity));
    this.users = grow(this.users, new Int32Array(capacity));
    this.devices = grow(this.devices, new Int32Array(capacity));
    this.versions = grow(this.versions, new Uint32Array(capacity));
    this.liveFlags = grow(this.liveFlags, new Uint8Array(capacity));
  }
}

function grow<T extends Int32Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
