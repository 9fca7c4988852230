/**
 * Runs one sync in a process of its own, for the test that kills it mid-sync.
 *
 * Built to plain JavaScript by the test (vite), then started as
 * `node sync-child.mjs '<json>'`; prints one line once the sync has started and then waits
 * for its end, or for SIGKILL.
 */
import { createApp } from '../../main/app';
import { createOsSecretStore } from '../../main/keychain/os-secret-store';

export interface SyncChildInput {
  dataDir: string;
  keychainService: string;
  baseUrl: string;
  lookupBaseUrl: string;
  email: string;
  password: string;
  serviceId: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as SyncChildInput;
const app = createApp({
  dataDir: input.dataDir,
  secrets: createOsSecretStore(input.keychainService),
  apple: { baseUrl: input.baseUrl, lookupBaseUrl: input.lookupBaseUrl, transport: { sleep: async () => undefined } },
  autoSync: false,
});
const signedIn = await app.dispatch('auth.signIn', { email: input.email, password: input.password }, 'child');
const started = await app.dispatch('sync.start', { serviceId: input.serviceId }, 'child');
process.stdout.write(`${JSON.stringify({ signedIn, started })}\n`);
