import { describe, expect, it } from 'vitest';
import { assetsToReread } from '../../../../main/distribution/sync/assignment-reconciliation';

describe('which assets an incremental sync reads again', () => {
  it('none when every merged count matches what Apple says is assigned', () => {
    const listed = [
      { adamId: '1', pricing: 'STDQ', assigned: 3 },
      { adamId: '2', pricing: 'STDQ', assigned: 0 },
    ];
    expect(assetsToReread(listed, [{ adamId: '1', pricing: 'STDQ', count: 3 }])).toEqual([]);
  });

  it('an asset whose merged rows outnumber Apple’s count lost licenses the changes could not show', () => {
    const listed = [{ adamId: '1', pricing: 'STDQ', assigned: 2 }];
    expect(assetsToReread(listed, [{ adamId: '1', pricing: 'STDQ', count: 3 }])).toEqual([{ adamId: '1', pricing: 'STDQ' }]);
  });

  it('also when the cache has fewer, when an asset is new, and when Apple no longer lists the asset', () => {
    const listed = [
      { adamId: '1', pricing: 'STDQ', assigned: 5 },
      { adamId: '2', pricing: 'STDQ', assigned: 1 },
      { adamId: '2', pricing: 'STDQ', assigned: 1 },
    ];
    const counts = [
      { adamId: '1', pricing: 'STDQ', count: 4 },
      { adamId: '1', pricing: 'PLUS', count: 2 },
      { adamId: '9', pricing: 'STDQ', count: 0 },
    ];
    expect(assetsToReread(listed, counts)).toEqual([
      { adamId: '1', pricing: 'STDQ' },
      { adamId: '2', pricing: 'STDQ' },
      { adamId: '1', pricing: 'PLUS' },
    ]);
  });
});
