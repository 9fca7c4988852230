import { describe, expect, it } from 'vitest';
import { formatAppleDate, parseAppleDate } from '../../../main/apple/wire/apple-date';

describe('Apple dates', () => {
  it('writes UTC with the +0000 offset Apple uses, and reads it back', () => {
    const date = new Date('2030-11-08T22:33:22.000Z');
    expect(formatAppleDate(date)).toBe('2030-11-08T22:33:22+0000');
    expect(parseAppleDate(formatAppleDate(date))?.getTime()).toBe(date.getTime());
  });

  it.each(['', '2030-11-08', '2030-11-08 22:33:22+0000', '2030-13-01T00:00:00Z', '2030-11-08T24:00:00Z', '2030-11-08T22:33:22+2'])(
    'refuses "%s"',
    (text) => {
      expect(parseAppleDate(text)).toBeNull();
    },
  );
});
