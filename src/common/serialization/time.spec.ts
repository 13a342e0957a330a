import { NAIVE_PATTERN, toDate, toNaive, toUtc, UTC_PATTERN } from './time';

describe("Papercups' time formats", () => {
  const at = new Date('2021-02-24T17:24:37.987Z');

  it('toNaive: inserted_at/updated_at without zone or fraction (Ecto naive_datetime)', () => {
    expect(toNaive(at)).toBe('2021-02-24T17:24:37');
    expect(toNaive(at)).toMatch(new RegExp(NAIVE_PATTERN));
    expect(toNaive(new Date('1999-12-31T23:59:59.999Z'))).toBe('1999-12-31T23:59:59'); // truncated, not rounded
    expect(toNaive(new Date('2021-02-24T17:24:37+02:00'))).toBe('2021-02-24T15:24:37'); // always UTC
  });

  it('toUtc: utc_datetime fields with Z, and null for a missing value', () => {
    expect(toUtc(at)).toBe('2021-02-24T17:24:37Z');
    expect(toUtc(at)).toMatch(new RegExp(UTC_PATTERN));
    expect(toUtc(new Date(0))).toBe('1970-01-01T00:00:00Z');
    expect(toUtc(null)).toBeNull();
    expect(toUtc(undefined)).toBeNull();
  });

  it('toDate: the UTC calendar date', () => {
    expect(toDate(at)).toBe('2021-02-24');
    expect(toDate(new Date('2021-02-24T23:30:00-02:00'))).toBe('2021-02-25');
    expect(toDate(new Date('2021-02-24T23:59:59.999Z'))).toBe('2021-02-24');
  });
});
