import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPng, readIcns, readIco, readPng } from './icon-files';

const read = (path: string) => readFileSync(join('build', path));

/** Width and height of a PNG, checked to be 8-bit RGBA (colour type 6). */
function pngSize(bytes: Buffer): number {
  const image = readPng(bytes);
  expect(image.bitDepth).toBe(8);
  expect(image.colourType).toBe(6);
  expect(image.width).toBe(image.height);
  return image.width;
}

describe('the app icon set', () => {
  it('has a 1024 px master PNG with a transparent corner', () => {
    const icon = readPng(read('icon.png'));
    expect([icon.width, icon.height]).toEqual([1024, 1024]);
    // Filter byte, then RGBA of the top-left pixel: outside the rounded square.
    expect(icon.scanlines[4]).toBe(0);
  });

  it('has the PNG sizes Linux desktops look up, each named for its size', () => {
    const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
    expect(readdirSync('build/icons').sort()).toEqual(sizes.map((size) => `${size}x${size}.png`).sort());
    for (const size of sizes) expect(pngSize(read(`icons/${size}x${size}.png`))).toBe(size);
  });

  it('has an ICNS with a PNG for every size and Retina scale macOS asks for', () => {
    const chunks = readIcns(read('icon.icns'));
    const expected: Record<string, number> = { icp4: 16, ic11: 32, icp5: 32, ic12: 64, icp6: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 };
    expect(chunks.map((chunk) => chunk.type).sort()).toEqual(Object.keys(expected).sort());
    for (const chunk of chunks) {
      expect(isPng(chunk.data), chunk.type).toBe(true);
      expect(pngSize(chunk.data), chunk.type).toBe(expected[chunk.type]);
    }
  });

  it('has an ICO with the sizes Windows uses: PNG at 256 px, 32-bit bitmaps below', () => {
    const images = readIco(read('icon.ico'));
    expect(images.map((image) => image.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const image of images) {
      expect(image.bitsPerPixel).toBe(32);
      if (image.size === 256) {
        expect(pngSize(image.data)).toBe(256);
        continue;
      }
      // BITMAPINFOHEADER: 40 bytes, width, height doubled for the mask, 32 bits per pixel.
      expect(image.data.readUInt32LE(0)).toBe(40);
      expect(image.data.readInt32LE(4)).toBe(image.size);
      expect(image.data.readInt32LE(8)).toBe(image.size * 2);
      expect(image.data.readUInt16LE(14)).toBe(32);
      const maskBytes = Math.ceil(image.size / 32) * 4 * image.size;
      expect(image.data.length).toBe(40 + image.size * image.size * 4 + maskBytes);
    }
  });
});

describe('the icon generator', () => {
  let fresh: string;
  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), 'md-icons-'));
    execFileSync(process.execPath, ['scripts/packaging/make-icons.mjs', fresh], { stdio: 'pipe' });
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('draws exactly the committed icons (compared as pixels, since zlib versions compress differently)', () => {
    const samePixels = (a: Buffer, b: Buffer) => readPng(a).scanlines.equals(readPng(b).scanlines);
    for (const name of ['icon.png', ...readdirSync('build/icons').map((file) => `icons/${file}`)]) {
      expect(samePixels(readFileSync(join(fresh, name)), read(name)), name).toBe(true);
    }

    const freshIcns = readIcns(readFileSync(join(fresh, 'icon.icns')));
    const committedIcns = readIcns(read('icon.icns'));
    expect(freshIcns.map((chunk) => chunk.type)).toEqual(committedIcns.map((chunk) => chunk.type));
    freshIcns.forEach((chunk, index) => expect(samePixels(chunk.data, committedIcns[index]!.data), chunk.type).toBe(true));

    const freshIco = readIco(readFileSync(join(fresh, 'icon.ico')));
    const committedIco = readIco(read('icon.ico'));
    expect(freshIco.map((image) => image.size)).toEqual(committedIco.map((image) => image.size));
    freshIco.forEach((image, index) => {
      const committed = committedIco[index]!.data;
      expect(isPng(image.data) ? samePixels(image.data, committed) : image.data.equals(committed), `${image.size} px`).toBe(true);
    });
  });
});
