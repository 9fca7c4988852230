import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';

export interface BuiltEntry {
  /** The bundle, for `node <script> ...`. */
  script: string;
  remove(): void;
}

/**
 * Bundles a TypeScript entry into an ES module that plain `node` runs, for work a test or
 * benchmark needs in a process of its own.
 *
 * Vite runs in a child process so its own memory never counts against the caller (the
 * benchmark measures RSS). The output goes under node_modules/.cache, so its imports of
 * better-sqlite3, zod and the keyring resolve from the project's node_modules as the app's do.
 */
export async function buildNodeEntry(entry: string): Promise<BuiltEntry> {
  const outDir = join(process.cwd(), 'node_modules', '.cache', 'md-node-entries', randomUUID());
  const vite = join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--ssr', entry, '--outDir', outDir, '--emptyOutDir', '--target', 'node20', '--logLevel', 'error']);
  // Node stops looking for package.json at node_modules: say here that the bundle is an ES module.
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  return { script: join(outDir, `${basename(entry, extname(entry))}.js`), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
