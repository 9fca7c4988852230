// `npm start`: build, then open the desktop app where Electron's binary exists, else browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Where the electron package keeps its binary. Requiring the package would try to download
// a missing binary as a side effect, which hangs where the network is closed.
function electronBinary() {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
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
