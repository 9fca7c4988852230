/**
 * The benchmark's Apple, in a process of its own: the app's time and memory are then measured
 * without the sandbox's million assignments, and Apple answers while the app writes, as the
 * real one does.
 *
 * `node <bundle> '{"seed":1,"apps":1818,"users":100000,"assignments":1000000,"pageSize":1000}'`
 * prints one JSON line (where it is, a token, what it holds, its RSS) and runs until killed or
 * until its stdin ends.
 */
import { startAppleSandbox } from '../../main/apple/sandbox/apple-sandbox';

export interface BenchSandboxSpec {
  seed: number;
  apps: number;
  users: number;
  assignments: number;
  pageSize: number;
}

export interface BenchSandboxReady {
  baseUrl: string;
  lookupBaseUrl: string;
  token: string;
  counts: { assets: number; users: number; devices: number; assignments: number };
  rss: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as BenchSandboxSpec;
const sandbox = await startAppleSandbox({ pageSize: spec.pageSize });
const location = sandbox.createLocation({ name: 'Bench District Location', orgName: 'Bench USD' });
const counts = sandbox.generate(location.id, { seed: spec.seed, apps: spec.apps, users: spec.users, assignments: spec.assignments });
const ready: BenchSandboxReady = {
  baseUrl: sandbox.baseUrl,
  lookupBaseUrl: sandbox.lookupBaseUrl,
  token: sandbox.mintToken(location.id),
  counts,
  rss: process.memoryUsage().rss,
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
// The benchmark holds this process's stdin: when it is gone, however it ended, so is this process.
process.stdin.resume().once('end', () => process.exit(0));
