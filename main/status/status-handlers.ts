import type { AuthService } from '../auth/auth-service';
import type { OrganizationSetup } from '../directory/organization-setup';
import type { HandlerTable } from '../ipc/handler-types';
import { probeSecretStore } from '../keychain/os-secret-store';
import type { SecretStore } from '../keychain/secret-store';

export function statusHandlers(
  setup: OrganizationSetup,
  auth: AuthService,
  secrets: SecretStore,
  demo: boolean,
): Pick<HandlerTable, 'app.status'> {
  return {
    'app.status': async (_input, { clientId }) => ({
      organizationName: setup.organizationName(),
      admin: auth.signedIn(clientId),
      keychain: await probeSecretStore(secrets),
      demo,
    }),
  };
}
