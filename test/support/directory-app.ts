import type { Channel, ChannelInput, ChannelOutput, Result } from '../../preload/contract';
import type { App } from '../../main/app';
import { organization } from './start-test-app';

/** Calls through the real dispatcher as one client (a window), unwrapping success. */
export function clientOf(app: App, clientId: string) {
  const call = <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    app.dispatch(channel, input, clientId) as Promise<Result<ChannelOutput<C>>>;
  const ok = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { call, ok };
}

/** An organization with its root admin signed in as client "root". */
export async function withOrganization(app: App) {
  const root = clientOf(app, 'root');
  await root.ok('setup.createOrganization', organization);
  return root;
}

export async function signedInAs(app: App, clientId: string, email: string, password: string) {
  const client = clientOf(app, clientId);
  await client.ok('auth.signIn', { email, password });
  return client;
}
