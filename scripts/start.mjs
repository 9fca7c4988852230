// `npm start`: build, then open the desktop app where Electron's binary exists, else browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the download was skipped.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = forceBrowser ? null : electronBinary();
const [command, commandArgs] = electron
  ? [electron, ['.', ...passThrough]]
  : [process.execPath, ['dist/main/web-main.js', ...passThrough]];

console.log(
  electron
    ? 'Starting the desktop app (Electron).'
    : forceBrowser
      ? 'Starting browser mode (--browser).'
      : "Electron's binary is not installed here, so the app starts in browser mode.",
);
const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
