import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app';
import { AppHost } from '../demo/app-host';
import { appleConfigFromEnv } from '../config/apple-config';
import { resolveDataDir } from '../config/data-dir';
import { packageVersion } from '../config/package-version';
import { createOsSecretStore } from '../keychain/os-secret-store';
import { startWebServer } from './web-server';

function portArgument(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? Number(argv[index + 1]) : Number(process.env.MD_PORT ?? 0);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (0 picks a free port), not "${argv[index + 1]}".`);
  }
  return value;
}

/** Browser mode's entry: the app served to a browser on this machine. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = resolveDataDir({ argv, env: process.env, platform: process.platform, home: homedir() });
  const apple = appleConfigFromEnv(process.env);
  const host = new AppHost(createApp, {
    dataDir,
    secrets: createOsSecretStore(),
    apple,
    autoSync: process.env.MD_AUTO_SYNC !== '0',
    // dist/main/web-main.js, two folders below the project's package.json.
    appVersion: packageVersion(new URL('../../package.json', import.meta.url)),
  });
  const web = await startWebServer({
    dispatch: host.dispatch,
    events: (clientId, listener) => host.listen(clientId, listener),
    downloads: () => host.downloads,
    staticDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    port: portArgument(argv),
  });

  console.log(`Managed Distribution is running in browser mode.`);
  console.log(`Data folder: ${dataDir}`);
  console.log(`Apple: ${apple.baseUrl ?? "Apple's service (https://vpp.itunes.apple.com/mdm/v2)"}`);
  console.log(`Open: ${web.url}`);

  const stop = () => {
    void web.close().then(() => {
      host.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Managed Distribution could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
