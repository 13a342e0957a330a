/**
 * The one reader of client-supplied timestamps (query filters, body fields, cursors). JavaScript's Date
 * rolls `2021-02-31` over to March 3rd and reads `1` or `99999` as years; PostgreSQL refuses some of what it
 * accepts (year 0, years past 294276) and accepts some of what it refuses. Here a value is a real calendar
 * date and time of the years 1–9999 (after applying its offset, too), with an offset within ±23:59, or it is
 * nothing: the caller answers "is invalid".
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: what both JavaScript and PostgreSQL represent alike. */
const MIN_MS = new Date('0001-01-01T00:00:00.000Z').getTime();
const MAX_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

const daysIn = (year: number, month: number) =>
  [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    month - 1
  ];

/** Whether a date in milliseconds lies within the representable years 1–9999. */
export const inTimestampRange = (ms: number) => Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;

/** `YYYY-MM-DD`: a real day of the years 1–9999. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/**
 * ISO 8601 (`T` or a space; seconds and fraction optional; `Z`, `±HH:MM` or `±HHMM`); no offset means UTC,
 * as Ecto's :utc_datetime casts it; a bare date is its UTC midnight. Anything else is null.
 */
export function parseTimestamp(value: string): Date | null {
  const match = TIMESTAMP.exec(value);
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
  if (!isCalendarDate(`${y}-${mo}-${d}`)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const local = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction && fraction.slice(0, 4).padEnd(4, '0')}Z`);
  const ms = local.getTime() - offsetMinutes * 60_000;
  return inTimestampRange(ms) ? new Date(ms) : null;
}

/** What a cursor carries: a UTC `Date#toISOString()` (milliseconds optional) of a representable time. */
export const isCursorTimestamp = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(value) && parseTimestamp(value) !== null;
