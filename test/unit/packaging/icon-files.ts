import { inflateSync } from 'node:zlib';

/** Readers for the icon formats, written from the specs so the tests do not trust the writer. */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngImage {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** The inflated image data: what the pixels are, whatever the compressor did. */
  scanlines: Buffer;
}

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

export function readPng(bytes: Buffer): PngImage {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!header) throw new Error('PNG without IHDR');
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    bitDepth: header[8]!,
    colourType: header[9]!,
    scanlines: inflateSync(Buffer.concat(idat)),
  };
}

export interface IcnsChunk {
  type: string;
  data: Buffer;
}

export function readIcns(bytes: Buffer): IcnsChunk[] {
  if (bytes.toString('ascii', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  if (bytes.readUInt32BE(4) !== bytes.length) throw new Error('ICNS length does not match the file');
  const chunks: IcnsChunk[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8 || at + length > bytes.length) throw new Error(`ICNS chunk at ${at} runs past the file`);
    chunks.push({ type: bytes.toString('ascii', at, at + 4), data: bytes.subarray(at + 8, at + length) });
    at += length;
  }
  return chunks;
}

export interface IcoImage {
  /** The size the directory announces (0 in the file means 256). */
  size: number;
  bitsPerPixel: number;
  data: Buffer;
}

export function readIco(bytes: Buffer): IcoImage[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = bytes.readUInt16LE(4);
  const images: IcoImage[] = [];
  for (let index = 0; index < count; index++) {
    const entry = 6 + index * 16;
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    if (offset + length > bytes.length) throw new Error(`ICO image ${index} runs past the file`);
    images.push({ size: bytes[entry] || 256, bitsPerPixel: bytes.readUInt16LE(entry + 6), data: bytes.subarray(offset, offset + length) });
  }
  return images;
}
