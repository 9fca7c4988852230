import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../preload/contract';
import type { SignedInAdmin } from '../../../main/auth/signed-in-admin';
import { DomainError } from '../../../main/errors/domain-error';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import type { HandlerTable } from '../../../main/ipc/handler-types';

const ada: SignedInAdmin = { id: 1, name: 'Ada', email: 'ada@example.edu' };

function setup(overrides: Partial<Record<string, (...args: unknown[]) => unknown>> = {}, signedIn: SignedInAdmin | null = null) {
  const handlers = Object.fromEntries(
    channelNames.map((name) => [name, vi.fn(overrides[name] ?? (() => ({})))]),
  ) as unknown as HandlerTable & Record<string, ReturnType<typeof vi.fn>>;
  const logError = vi.fn();
  const dispatch = createDispatcher({ handlers, sessionAdmin: () => signedIn, logError });
  return { dispatch, handlers, logError };
}

const goodOrganization = {
  organizationName: 'Springfield District',
  adminName: 'Ada Admin',
  email: 'ada@springfield.edu',
  password: 'correct horse battery',
};

describe('the IPC dispatcher', () => {
  it('refuses input that fails the channel schema and never calls the handler', async () => {
    const { dispatch, handlers } = setup();
    const result = await dispatch('setup.createOrganization', { ...goodOrganization, password: 'short' }, 'c1');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'password: Use at least 12 characters.' },
    });
    expect(result.ok ? null : result.error.details).toEqual([{ path: 'password', message: 'Use at least 12 characters.' }]);
    expect(handlers['setup.createOrganization']).not.toHaveBeenCalled();
  });

  it('refuses fields the contract does not declare', async () => {
    const { dispatch, handlers } = setup();
    const result = await dispatch('auth.signIn', { email: 'a@b.c', password: 'x', isAdmin: true }, 'c1');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handlers['auth.signIn']).not.toHaveBeenCalled();
  });

  it('refuses a payload that is not an object', async () => {
    const { dispatch } = setup();
    expect(await dispatch('auth.signIn', 'ada@example.edu', 'c1')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses an unknown channel, including inherited object keys', async () => {
    const { dispatch } = setup();
    for (const name of ['admin.deleteEverything', 'constructor', '__proto__', 'toString']) {
      const result = await dispatch(name, {}, 'c1');
      expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: `Unknown request "${name}".` } });
    }
  });

  it('asks for sign-in before an admin channel runs', async () => {
    const { dispatch, handlers } = setup();
    expect(await dispatch('groups.tree', {}, 'c1')).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Please sign in again.' },
    });
    expect(handlers['groups.tree']).not.toHaveBeenCalled();
  });

  it('says why a session ended when it was not signed out', async () => {
    const handlers = Object.fromEntries(channelNames.map((name) => [name, vi.fn(() => ({}))])) as unknown as HandlerTable;
    const expired = 'Your session expired after 8 hours without activity. Sign in again to carry on.';
    const dispatch = createDispatcher({ handlers, sessionAdmin: () => null, signedOutReason: (clientId) => (clientId === 'idle' ? expired : null), logError: vi.fn() });
    expect(await dispatch('groups.tree', {}, 'idle')).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expired } });
    expect(await dispatch('groups.tree', {}, 'never')).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Please sign in again.' } });
  });

  it('gives admin handlers the parsed input and the signed-in admin', async () => {
    const root = { id: 1, parentId: null, name: 'Org', kind: 'organization', direct: true };
    const { dispatch, handlers } = setup({ 'groups.tree': () => [root] }, ada);
    const result = await dispatch('groups.tree', {}, 'window:3');
    expect(result).toEqual({ ok: true, value: [root] });
    expect(handlers['groups.tree']).toHaveBeenCalledWith({}, { clientId: 'window:3', admin: ada });
  });

  it('normalises input as the schema says before the handler sees it', async () => {
    const { dispatch, handlers } = setup({ 'auth.signIn': () => ada });
    await dispatch('auth.signIn', { email: '  Ada@Example.EDU ', password: 'pw' }, 'c1');
    expect(handlers['auth.signIn']).toHaveBeenCalledWith({ email: 'ada@example.edu', password: 'pw' }, { clientId: 'c1', admin: null });
  });

  it('passes a domain error through with its code and message', async () => {
    const { dispatch } = setup({
      'auth.signIn': () => {
        throw new DomainError('UNAUTHENTICATED', 'The email or password is not correct.');
      },
    });
    expect(await dispatch('auth.signIn', { email: 'a@b.c', password: 'x' }, 'c1')).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'The email or password is not correct.' },
    });
  });

  it('hides unexpected failures behind INTERNAL and logs them instead', async () => {
    const { dispatch, logError } = setup({
      'auth.signIn': () => {
        throw new Error('SQLITE_CORRUPT at /home/ada/secret/path');
      },
    });
    const result = await dispatch('auth.signIn', { email: 'a@b.c', password: 'x' }, 'c1');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE_CORRUPT|secret\/path|at /);
    expect(logError).toHaveBeenCalledOnce();
  });

  it('treats a handler answer outside the contract as a bug, not a success', async () => {
    const { dispatch, logError } = setup({ 'groups.tree': () => [{ id: 'not a number' }] }, ada);
    expect(await dispatch('groups.tree', {}, 'c1')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logError).toHaveBeenCalledOnce();
  });
});
