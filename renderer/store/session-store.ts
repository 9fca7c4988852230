import { create } from 'zustand';
import type { ApiError, ChannelInput, ChannelOutput, Result } from '../../preload/contract';
import { api, onSessionEnd } from '../bridge/api';

type Status = ChannelOutput<'app.status'>;
export type AdminSummary = NonNullable<Status['admin']>;

export type Phase = 'loading' | 'unreachable' | 'welcome' | 'signIn' | 'ready';

interface SessionState {
  phase: Phase;
  organizationName: string | null;
  admin: AdminSummary | null;
  keychain: Status['keychain'] | null;
  /** The app shows the generated sample district, not the admin's own data. */
  demo: boolean;
  loadError: ApiError | null;
  /** Why the admin is back at the sign-in screen without signing out: their session expired or was ended. */
  signedOutMessage: string | null;
  refresh(): Promise<void>;
  sessionEnded(message: string): Promise<void>;
  createOrganization(input: ChannelInput<'setup.createOrganization'>): Promise<Result<AdminSummary>>;
  signIn(input: ChannelInput<'auth.signIn'>): Promise<Result<AdminSummary>>;
  signOut(): Promise<void>;
  startDemo(): Promise<Result<AdminSummary>>;
  exitDemo(): Promise<void>;
}

function phaseFor(status: Status): Phase {
  if (status.organizationName === null) return 'welcome';
  return status.admin ? 'ready' : 'signIn';
}

/** Which screen the app shows: first-run welcome, sign-in, or the signed-in shell. */
export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  organizationName: null,
  admin: null,
  keychain: null,
  demo: false,
  loadError: null,
  signedOutMessage: null,

  async refresh() {
    const result = await api.app.status({});
    if (!result.ok) {
      set({ phase: 'unreachable', loadError: result.error });
      return;
    }
    const status = result.value;
    set({
      phase: phaseFor(status),
      organizationName: status.organizationName,
      admin: status.admin,
      keychain: status.keychain,
      demo: status.demo,
      loadError: null,
    });
  },

  async sessionEnded(message) {
    if (get().phase !== 'ready') return;
    set({ signedOutMessage: message });
    await get().refresh();
  },

  async createOrganization(input) {
    const result = await api.setup.createOrganization(input);
    if (result.ok) await get().refresh();
    return result;
  },

  async signIn(input) {
    const result = await api.auth.signIn(input);
    if (result.ok) {
      set({ signedOutMessage: null });
      await get().refresh();
    }
    return result;
  },

  async signOut() {
    await api.auth.signOut({});
    set({ signedOutMessage: null });
    await get().refresh();
  },

  async startDemo() {
    const result = await api.demo.start({});
    if (result.ok) await get().refresh();
    return result;
  },

  async exitDemo() {
    await api.demo.exit({});
    await get().refresh();
  },
}));

onSessionEnd((message) => void useSession.getState().sessionEnded(message));
