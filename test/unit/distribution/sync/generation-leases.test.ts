import { describe, expect, it } from 'vitest';
import { GenerationLeases } from '../../../../main/distribution/sync/generation-leases';

describe('generation numbers for syncs', () => {
  it('a new one is above everything the service holds and everything issued before, per service', () => {
    const held = new Map<number, number | null>([
      [1, 4],
      [2, null],
    ]);
    const leases = new GenerationLeases((serviceId) => held.get(serviceId) ?? null);
    expect(leases.lease(1)).toBe(5);
    expect(leases.lease(2)).toBe(1);
    // Rows of 5 were deleted meanwhile: the number is still not reused.
    held.set(1, 4);
    expect(leases.lease(1)).toBe(6);
    expect([...leases.of(1)]).toEqual([5, 6]);
  });

  it('keeps a generation protected until released', () => {
    const leases = new GenerationLeases(() => null);
    const generation = leases.lease(7);
    expect(leases.of(7).has(generation)).toBe(true);
    leases.release(7, generation);
    expect(leases.of(7).size).toBe(0);
  });
});
