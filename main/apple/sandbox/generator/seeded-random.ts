/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same district every time.
 *
 * Math.random cannot be seeded, and a generated demo or benchmark must be reproducible.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list.');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  hex(digits: number): string {
    let text = '';
    while (text.length < digits) text += this.int(0x10000).toString(16).padStart(4, '0');
    return text.slice(0, digits);
  }
}

/** A stateless hash of two integers, for per-row choices that need no stored state. */
export function mixIntegers(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
