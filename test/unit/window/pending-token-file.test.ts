import { describe, expect, it } from 'vitest';
import { PendingTokenFile } from '../../../main/window/pending-token-file';

describe('a token file waiting for Add Token', () => {
  it('is handed out once', () => {
    const pending = new PendingTokenFile();
    pending.offer('/Users/ada/Downloads/Springfield.vpptoken');
    expect(pending.take()).toBe('/Users/ada/Downloads/Springfield.vpptoken');
    expect(pending.take()).toBeNull();
  });

  it('is the one the admin opened last', () => {
    const pending = new PendingTokenFile();
    pending.offer('/t/first.vpptoken');
    pending.offer('/t/second.vpptoken');
    expect(pending.take()).toBe('/t/second.vpptoken');
  });

  it('ignores files that are not token files, and keeps the one already waiting', () => {
    const pending = new PendingTokenFile();
    pending.offer('/t/first.vpptoken');
    pending.offer('/Users/ada/Documents/report.pdf');
    pending.offer(null);
    expect(pending.take()).toBe('/t/first.vpptoken');
  });
});
