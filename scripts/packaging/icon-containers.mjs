/**
 * The icon container formats, built from per-size images.
 *
 * Both are small: ICO is a directory of images, ICNS a list of typed chunks. Writing them
 * here keeps the icon set reproducible without ImageMagick, iconutil or an npm package.
 */

/**
 * ICNS chunk type for each PNG size; the @2x types let Retina screens use the larger image.
 * PNG payloads in these chunks are read since macOS 10.7.
 */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['ic11', 32],
  ['icp5', 32],
  ['ic12', 64],
  ['icp6', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

/** The sizes Windows asks for: shell views, the taskbar, the installer, high-DPI Explorer. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/**
 * An .icns file whose chunks are PNG images.
 *
 * @param {(size: number) => Buffer} pngOfSize the PNG file for a size
 * @returns {Buffer}
 */
export function buildIcns(pngOfSize) {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngOfSize(size);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + chunks.reduce((total, c) => total + c.length, 0), 4);
  return Buffer.concat([header, ...chunks]);
}

/**
 * A 32-bit bottom-up DIB as an .ico entry stores it: pixel rows, then a 1-bit AND mask.
 *
 * The convention Windows' own icons follow: PNG only at 256 px, where a bitmap would be large;
 * below that, bitmaps, which every reader (old shells, resource editors, NSIS) understands.
 *
 * @param {number} size
 * @param {Uint8Array} rgba straight RGBA, top row first
 */
function dibEntry(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows plus mask rows, as the format requires
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    const from = (size - 1 - y) * size * 4;
    for (let x = 0; x < size; x++) {
      const source = from + x * 4;
      const target = (y * size + x) * 4;
      pixels[target] = rgba[source + 2];
      pixels[target + 1] = rgba[source + 1];
      pixels[target + 2] = rgba[source];
      pixels[target + 3] = rgba[source + 3];
    }
  }
  // All zero: the alpha channel decides transparency; the mask only has to be present.
  const maskRowBytes = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRowBytes * size)]);
}

/**
 * An .ico file: PNG at 256 px, DIB below.
 *
 * @param {(size: number) => Uint8Array} rgbaOfSize the pixels for a size
 * @param {(size: number) => Buffer} pngOfSize the PNG file for a size
 * @returns {Buffer}
 */
export function buildIco(rgbaOfSize, pngOfSize) {
  const images = ICO_SIZES.map((size) => (size >= 256 ? pngOfSize(size) : dibEntry(size, rgbaOfSize(size))));
  const directory = Buffer.alloc(6 + 16 * ICO_SIZES.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // type 1: icon
  directory.writeUInt16LE(ICO_SIZES.length, 4);
  let offset = directory.length;
  ICO_SIZES.forEach((size, index) => {
    const entry = 6 + index * 16;
    directory[entry] = size >= 256 ? 0 : size; // 0 stands for 256
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(images[index].length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += images[index].length;
  });
  return Buffer.concat([directory, ...images]);
}
