import type { Channel, ChannelAccess, ChannelOutput, ParsedInput } from '../../preload/contract';
import type { SignedInAdmin } from '../auth/signed-in-admin';

/** Where a call came from: one window (desktop) or one browser tab (browser mode). */
export interface CallerContext {
  clientId: string;
}

export interface PublicContext extends CallerContext {
  admin: SignedInAdmin | null;
}

export interface AdminContext extends CallerContext {
  admin: SignedInAdmin;
}

export type ContextFor<C extends Channel> = ChannelAccess<C> extends 'admin' ? AdminContext : PublicContext;

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  context: ContextFor<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** One handler per channel: a missing or extra entry is a compile error. */
export type HandlerTable = { [C in Channel]: Handler<C> };
