import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../main/auth/session-store';

const HOUR = 60 * 60 * 1000;

function sessionsAt(idleHours = 8) {
  const time = { t: 0, idleHours };
  const store = new SessionStore({ now: () => new Date(time.t) }, () => time.idleHours * HOUR);
  return { time, store };
}

describe('sessions', () => {
  it('end after the idle limit without a call, and each call starts the limit again', () => {
    const { time, store } = sessionsAt();
    store.signIn('tab-1', 7);
    time.t = 8 * HOUR - 1;
    expect(store.lookup('tab-1')).toEqual({ state: 'signedIn', adminId: 7 });
    time.t = 16 * HOUR - 2;
    expect(store.lookup('tab-1')).toEqual({ state: 'signedIn', adminId: 7 });
    time.t = 24 * HOUR - 2;
    expect(store.lookup('tab-1')).toEqual({ state: 'ended', reason: 'idle' });
    // Still ended, and still saying why, until that tab signs in again.
    time.t = 24 * HOUR;
    expect(store.lookup('tab-1')).toEqual({ state: 'ended', reason: 'idle' });
    store.signIn('tab-1', 7);
    expect(store.lookup('tab-1')).toEqual({ state: 'signedIn', adminId: 7 });
  });

  it('apply a changed idle limit to sessions already open', () => {
    const { time, store } = sessionsAt(8);
    store.signIn('tab-1', 7);
    time.t = 2 * HOUR;
    time.idleHours = 1;
    expect(store.lookup('tab-1')).toEqual({ state: 'ended', reason: 'idle' });
  });

  it("end all of one admin's sessions at once, keeping only the one asked", () => {
    const { store } = sessionsAt();
    store.signIn('tab-1', 7);
    store.signIn('tab-2', 7);
    store.signIn('tab-3', 7);
    store.signIn('other', 8);
    store.endAll(7, 'passwordReset', 'tab-3');
    expect(store.lookup('tab-1')).toEqual({ state: 'ended', reason: 'passwordReset' });
    expect(store.lookup('tab-2')).toEqual({ state: 'ended', reason: 'passwordReset' });
    expect(store.lookup('tab-3')).toEqual({ state: 'signedIn', adminId: 7 });
    expect(store.lookup('other')).toEqual({ state: 'signedIn', adminId: 8 });
  });

  it('a tab that signed out or never signed in has no session and no reason', () => {
    const { store } = sessionsAt();
    store.signIn('tab-1', 7);
    store.signOut('tab-1');
    expect(store.lookup('tab-1')).toEqual({ state: 'none' });
    expect(store.lookup('never')).toEqual({ state: 'none' });
  });
});
