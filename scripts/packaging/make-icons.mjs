// Draws the app icon at every size and writes the set electron-builder packages:
// build/icon.png (1024 px), build/icons/<n>x<n>.png (Linux), build/icon.icns, build/icon.ico.
// Usage: node scripts/packaging/make-icons.mjs [output folder, default build/]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawAppIcon } from './app-icon-drawing.mjs';
import { buildIco, buildIcns } from './icon-containers.mjs';
import { encodePng } from './png-encoder.mjs';

/** The sizes Linux desktops look up by name in an icon theme, up to the 1024 px master. */
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const outDir = resolve(process.argv[2] ?? fileURLToPath(new URL('../../build/', import.meta.url)));

const pixels = new Map();
const rgbaOfSize = (size) => {
  if (!pixels.has(size)) pixels.set(size, drawAppIcon(size));
  return pixels.get(size);
};
const pngs = new Map();
const pngOfSize = (size) => {
  if (!pngs.has(size)) pngs.set(size, encodePng(size, rgbaOfSize(size)));
  return pngs.get(size);
};

mkdirSync(join(outDir, 'icons'), { recursive: true });
writeFileSync(join(outDir, 'icon.png'), pngOfSize(1024));
for (const size of LINUX_SIZES) writeFileSync(join(outDir, 'icons', `${size}x${size}.png`), pngOfSize(size));
writeFileSync(join(outDir, 'icon.icns'), buildIcns(pngOfSize));
writeFileSync(join(outDir, 'icon.ico'), buildIco(rgbaOfSize, pngOfSize));
console.log(`Icons written to ${outDir}`);
