import type { HandlerTable } from '../ipc/handler-types';
import type { AuthService } from './auth-service';
import type { SessionSettings } from './session-settings';

export function authHandlers(
  auth: AuthService,
  settings: SessionSettings,
): Pick<HandlerTable, 'auth.signIn' | 'auth.signOut' | 'sessions.settings' | 'sessions.saveSettings'> {
  return {
    'auth.signIn': (input, { clientId }) => auth.signIn(clientId, input.email, input.password),
    'auth.signOut': (_input, { clientId, admin }) => {
      auth.signOut(clientId, admin);
      return {};
    },
    'sessions.settings': () => settings.get(),
    'sessions.saveSettings': (input, { admin }) => settings.update(admin, input),
  };
}
