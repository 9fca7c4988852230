/**
 * Turns an uploaded file into text: UTF-8 only, with or without a byte order mark.
 *
 * Apple requires UTF-8. Windows tools often add a BOM, which we drop; anything that is not
 * valid UTF-8 (typically a file saved as Latin-1 or UTF-16) is refused rather than guessed at,
 * because a wrong guess would silently corrupt accented names.
 */
export type DecodedText = { ok: true; text: string } | { ok: false; line: number };

const LF = 0x0a;
const CR = 0x0d;
const BOM = '\uFEFF';

/** Decodes bytes as strict UTF-8 (or takes text as given) and drops a leading BOM. */
export function decodeCsvText(content: Uint8Array | string): DecodedText {
  if (typeof content === 'string') {
    return { ok: true, text: content.startsWith(BOM) ? content.slice(BOM.length) : content };
  }
  try {
    // The decoder drops a leading BOM itself (ignoreBOM defaults to false).
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    return { ok: false, line: lineOfFirstInvalidByte(content) };
  }
}

/**
 * The physical line holding the first byte that is not UTF-8.
 *
 * Line breaks are ASCII and never occur inside a multi-byte UTF-8 sequence, so decoding line
 * by line finds the bad line without splitting a valid character.
 */
function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== LF && byte !== CR) continue;
    if (!decodes(decoder, bytes.subarray(start, i))) return line;
    if (byte === LF || bytes[i + 1] !== LF) line++;
    start = i + 1;
  }
  return line;
}

function decodes(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
