/**
 * `timestamptz` text as PostgreSQL sends it ("2026-12-02 07:20:12.123456+00", the offset being the session's
 * TimeZone) read into a Date by arithmetic on the characters. pg's own parser (postgres-date) runs a regular
 * expression and several allocations per value; hot reads parse thousands of timestamps per request, and
 * this was ~5 % of a conversation list's CPU. Anything outside the common form (infinity, BC, years before
 * 100 or after 9999, an offset with seconds) goes to `fallback`, pg's parser, so the result never differs.
 */
export function timestamptzParser(fallback: (text: string) => unknown): (text: string) => unknown {
  return (text) => fastTimestamptz(text) ?? fallback(text);
}

const ZERO = 48;
const digit = (text: string, at: number) => text.charCodeAt(at) - ZERO;
const twoDigits = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);

/** The Date of "YYYY-MM-DD HH:MM:SS[.fraction]±HH[:MM]", or null for any other form. */
export function fastTimestamptz(text: string): Date | null {
  const length = text.length;
  if (length < 22 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') {
    return null;
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  if (year < 100) return null; // Date.UTC would read 0–99 as 1900–1999
  let at = 19;
  let millis = 0;
  if (text[at] === '.') {
    let scale = 100;
    for (at++; at < length; at++) {
      const value = text.charCodeAt(at) - ZERO;
      if (value < 0 || value > 9) break;
      millis += value * scale;
      scale /= 10;
    }
    millis = Math.floor(millis);
  }
  const sign = text[at];
  if ((sign !== '+' && sign !== '-') || (length !== at + 3 && (length !== at + 6 || text[at + 3] !== ':'))) return null;
  const offsetMinutes = twoDigits(text, at + 1) * 60 + (length === at + 6 ? twoDigits(text, at + 4) : 0);
  const utc = Date.UTC(
    year,
    twoDigits(text, 5) - 1,
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
    millis,
  );
  return new Date(utc - (sign === '+' ? offsetMinutes : -offsetMinutes) * 60_000);
}
