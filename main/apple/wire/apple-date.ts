const appleDatePattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a date as Apple writes it, or null when the text is not one.
 *
 * Apple's answers and token files use `2030-11-08T22:33:22+0000`, but `-0700`, `+02:00` and
 * `Z` are seen in the field too. `Date.parse` rejects `+0000` on some engines and accepts
 * many shapes Apple never sends, so the format is checked explicitly.
 */
export function parseAppleDate(text: string): Date | null {
  const match = appleDatePattern.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const offsetMinutes = zone === 'Z' ? 0 : zoneOffsetMinutes(zone);
  const utcMillis = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(utcMillis - offsetMinutes * 60_000 + Number(fraction.padEnd(3, '0').slice(0, 3)));
  return sameCalendarFields(date, offsetMinutes, [year, month, day, hour, minute, second]) ? date : null;
}

/** Writes a date the way Apple's token files do: UTC with a `+0000` offset. */
export function formatAppleDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}

function zoneOffsetMinutes(zone: string): number {
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** Date.UTC rolls 2030-02-31 over into March: compare the fields back to refuse such dates. */
function sameCalendarFields(date: Date, offsetMinutes: number, fields: (string | undefined)[]): boolean {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const actual = [
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
  return actual.every((value, index) => value === Number(fields[index]));
}
