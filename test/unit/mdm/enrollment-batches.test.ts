import { describe, expect, it } from 'vitest';
import { enrollmentBatches } from '../../../main/mdm/enrollment-batches';

describe('enrollment batches', () => {
  it('keep every id, in order, each batch within the URL budget', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `00008110-${String(i).padStart(16, '0')}`);
    const batches = enrollmentBatches(ids);
    expect(batches.flat()).toEqual(ids);
    for (const batch of batches) expect(batch.map(encodeURIComponent).join(',').length).toBeLessThanOrEqual(4000);
    expect(batches).toHaveLength(Math.ceil(500 / Math.floor(4001 / 26)));
  });

  it('count the encoded length, so user-channel ids take their escaped size', () => {
    expect(enrollmentBatches(['a:b', 'c:d'], 9)).toEqual([['a:b'], ['c:d']]);
    expect(enrollmentBatches(['a:b', 'c:d'], 11)).toEqual([['a:b', 'c:d']]);
  });

  it('send an id longer than the budget alone rather than drop it', () => {
    expect(enrollmentBatches(['x'.repeat(50), 'y'], 10)).toEqual([['x'.repeat(50)], ['y']]);
    expect(enrollmentBatches([])).toEqual([]);
  });
});
