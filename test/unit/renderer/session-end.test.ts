// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../preload/contract';

const EXPIRED = 'Your session expired after 8 hours without activity. Sign in again to carry on.';
let signedIn = true;
const calls: string[] = [];

const answers: Record<string, () => unknown> = {
  'app.status': () => ({
    ok: true,
    value: {
      organizationName: 'Springfield District',
      admin: signedIn ? { id: 1, name: 'Ada', email: 'ada@s.edu' } : null,
      keychain: { available: true, message: null },
      demo: false,
    },
  }),
  'groups.tree': () => (signedIn ? { ok: true, value: [] } : { ok: false, error: { code: 'UNAUTHENTICATED', message: EXPIRED } }),
  'auth.signIn': () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'The email or password is not correct.' } }),
};

/** A desktop preload's `window.api`, answering from the table above. */
const fakeApi = new Proxy({} as Api, {
  get: (_t, domain) =>
    domain === 'on'
      ? () => () => undefined
      : new Proxy({}, { get: (_d, method) => async () => (calls.push(`${String(domain)}.${String(method)}`), answers[`${String(domain)}.${String(method)}`]!()) }),
});

let session: typeof import('../../../renderer/store/session-store');
let bridge: typeof import('../../../renderer/bridge/api');

beforeAll(async () => {
  window.api = fakeApi;
  session = await import('../../../renderer/store/session-store');
  bridge = await import('../../../renderer/bridge/api');
});

describe('the renderer when its session ends', () => {
  it('goes back to the sign-in screen with main\'s sentence when any call finds the session expired', async () => {
    await session.useSession.getState().refresh();
    expect(session.useSession.getState().phase).toBe('ready');
    signedIn = false;
    expect(await bridge.api.groups.tree({})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await expect.poll(() => session.useSession.getState().phase).toBe('signIn');
    expect(session.useSession.getState().signedOutMessage).toBe(EXPIRED);
  });

  it('a wrong password on the sign-in screen is not taken for an ended session', async () => {
    signedIn = true;
    await session.useSession.getState().refresh();
    calls.length = 0;
    await bridge.api.auth.signIn({ email: 'ada@s.edu', password: 'nope' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual(['auth.signIn']);
    expect(session.useSession.getState().phase).toBe('ready');
  });
});
