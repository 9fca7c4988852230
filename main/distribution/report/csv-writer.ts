import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type CsvValue = string | number | boolean | null;

const CHUNK_BYTES = 64 * 1024;
/**
 * How much may wait for the disk before the export stops reading rows: far above a file
 * stream's 16 KiB mark, so rows are read while earlier chunks are written.
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field as spreadsheets read it (RFC 4180 quoting).
 *
 * A text that starts like a formula (=, +, -, @) gets a leading apostrophe, so opening the
 * export in a spreadsheet never runs a formula someone put in a name.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_STARTS.has(value.charAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line; a plain loop, as it runs a million times in an export. */
export function csvLine(values: readonly CsvValue[]): string {
  let line = values.length > 0 ? csvField(values[0]!) : '';
  for (let i = 1; i < values.length; i++) line += `,${csvField(values[i]!)}`;
  return `${line}\r\n`;
}

/** Streams rows to a file, waiting when the disk is behind; returns the number of rows. */
export async function writeCsv(stream: Writable, header: readonly string[], rows: Iterable<readonly CsvValue[]>): Promise<number> {
  let buffer = `\uFEFF${csvLine(header)}`;
  let count = 0;
  for (const row of rows) {
    buffer += csvLine(row);
    count++;
    if (buffer.length >= CHUNK_BYTES) {
      // 'drain' follows only a write that answered false, so wait only after one.
      if (!stream.write(buffer) && stream.writableLength >= MAX_PENDING_BYTES) await once(stream, 'drain');
      buffer = '';
    }
  }
  stream.end(buffer);
  await once(stream, 'finish');
  return count;
}
