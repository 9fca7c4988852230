import { describe, expect, it } from 'vitest';
import { useTestSecretStore } from '../../support/test-secret-store';

const newStore = useTestSecretStore();

describe('the OS keychain (real Secret Service)', () => {
  it('sets, reads, lists and deletes secrets by account', async () => {
    const store = newStore();
    expect(await store.get('token:1')).toBeNull();

    await store.set('token:1', 'eyJ0b2tlbiI6InNlY3JldCJ9');
    await store.set('smtp:password', 'p@ss word with spaces');
    expect(await store.get('token:1')).toBe('eyJ0b2tlbiI6InNlY3JldCJ9');
    expect(await store.get('smtp:password')).toBe('p@ss word with spaces');
    expect((await store.list()).sort()).toEqual(['smtp:password', 'token:1']);

    await store.set('token:1', 'replaced');
    expect(await store.get('token:1')).toBe('replaced');
    expect(await store.list()).toHaveLength(2);

    expect(await store.delete('token:1')).toBe(true);
    expect(await store.delete('token:1')).toBe(false);
    expect(await store.get('token:1')).toBeNull();
    expect(await store.list()).toEqual(['smtp:password']);
  });

  it('keeps the secrets of different services apart', async () => {
    const a = newStore();
    const b = newStore();
    await a.set('token:1', 'secret-a');
    expect(await b.get('token:1')).toBeNull();
    expect(await b.list()).toEqual([]);
  });
});
