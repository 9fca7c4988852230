import type { HandlerTable } from '../ipc/handler-types';
import type { AuthService } from './auth-service';

export function authHandlers(auth: AuthService): Pick<HandlerTable, 'auth.signIn' | 'auth.signOut'> {
  return {
    'auth.signIn': (input, { clientId }) => auth.signIn(clientId, input.email, input.password),
    'auth.signOut': (_input, { clientId, admin }) => {
      auth.signOut(clientId, admin);
      return {};
    },
  };
}
