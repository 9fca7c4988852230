import type { Channel, ChannelInput, ChannelOutput, Result } from '../../preload/contract';
import type { SignedInAdmin } from '../../main/auth/signed-in-admin';
import { createDispatcher } from '../../main/ipc/dispatcher';
import type { HandlerTable } from '../../main/ipc/handler-types';

/**
 * The real dispatcher over some handlers, with a session per client id.
 *
 * Input parsing, output checks and the error envelope are the app's own, so settings
 * handlers are tested as the renderer reaches them before they are wired into the app.
 */
export function dispatchTo(handlers: Partial<HandlerTable>, sessions: Record<string, SignedInAdmin>) {
  const logged: unknown[] = [];
  const dispatch = createDispatcher({
    handlers: handlers as HandlerTable,
    sessionAdmin: (clientId) => sessions[clientId] ?? null,
    logError: (_message, error) => logged.push(error),
  });
  const call = <C extends Channel>(clientId: string, channel: C, input: ChannelInput<C>) =>
    dispatch(channel, input, clientId) as Promise<Result<ChannelOutput<C>>>;
  const ok = async <C extends Channel>(clientId: string, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await call(clientId, channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { call, ok, logged };
}
