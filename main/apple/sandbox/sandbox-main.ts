import { startAppleSandbox } from './apple-sandbox';

/**
 * `npm run sandbox`: a standalone Apple to point the app (or curl) at.
 *
 * Starts on `--port N` (default: any free port), fills a demo district, prints where it is
 * and a token for it, and runs until Ctrl-C.
 */
async function main(): Promise<void> {
  const sandbox = await startAppleSandbox({ port: portArgument(process.argv.slice(2)), eventDelayMs: 2000 });
  const location = sandbox.createLocation({ name: 'Springfield Unified School District', orgName: 'Springfield USD' });
  const counts = sandbox.generate(location.id, { seed: 2024, apps: 60, users: 1500, assignments: 6000 });
  const token = sandbox.mintToken(location.id);

  console.log('Apple sandbox running.');
  console.log(`  API base URL:     ${sandbox.baseUrl}`);
  console.log(`  Lookup base URL:  ${sandbox.lookupBaseUrl}`);
  console.log(`  Location:         ${location.name} (uId ${location.uId})`);
  console.log(`  Data:             ${counts.assets} apps and books, ${counts.users} users, ${counts.assignments} assignments`);
  console.log('  sToken (paste into the app):');
  console.log(token);
  console.log('Start the app against it (another terminal):');
  console.log(`  MD_APPLE_BASE_URL=${sandbox.baseUrl} npm start`);
  console.log('Press Ctrl-C to stop.');

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function portArgument(args: string[]): number {
  const index = args.indexOf('--port');
  const text = index >= 0 ? args[index + 1] : args.find((arg) => arg.startsWith('--port='))?.slice('--port='.length);
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${text}".`);
  return port;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
