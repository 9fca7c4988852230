import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningApp {
  /** The printed address, key included. */
  url: string;
  origin: string;
  key: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts browser mode as `npm start` would (built output, real keychain) on a data folder. */
export async function startBrowserMode(dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, ['dist/main/web-main.js', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its URL:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    key: parsed.hash.replace('#key=', ''),
    dataDir,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function freshDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'md-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
