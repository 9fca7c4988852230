import { describe, expect, it } from 'vitest';
import { decodeCsvText } from '../../../../main/directory/import/csv-decode';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

describe('decoding an uploaded file', () => {
  it('reads UTF-8 and drops a byte order mark', () => {
    expect(decodeCsvText(bytes([0xef, 0xbb, 0xbf], 'a,b\r\nZoë,王\r\n'))).toEqual({ ok: true, text: 'a,b\r\nZoë,王\r\n' });
    expect(decodeCsvText(utf8('a,b\nSøren,Chloé\n'))).toEqual({ ok: true, text: 'a,b\nSøren,Chloé\n' });
  });

  it('drops a byte order mark from text too', () => {
    expect(decodeCsvText('\uFEFFa,b\n')).toEqual({ ok: true, text: 'a,b\n' });
  });

  it('refuses Latin-1 text and names the line of the first bad byte', () => {
    expect(decodeCsvText(bytes('a,b\nok,ok\nJos', [0xe9], ',x\n'))).toEqual({ ok: false, line: 3 });
    expect(decodeCsvText(bytes('a\r\nb\r\n', [0xff, 0xfe]))).toEqual({ ok: false, line: 3 });
    expect(decodeCsvText(bytes('a\rb\r', [0xc3]))).toEqual({ ok: false, line: 3 });
  });
});
