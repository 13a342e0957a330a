import { NAIVE_PATTERN, toDate, toNaive, toUtc, UTC_PATTERN } from './time';

describe('wire timestamps', () => {
  const at = new Date('2021-02-24T17:24:37.987Z');

  it('naive: seconds, no fraction, no zone (matches NAIVE_PATTERN)', () => {
    expect(toNaive(at)).toBe('2021-02-24T17:24:37');
    expect(toNaive(at)).toMatch(new RegExp(NAIVE_PATTERN));
  });

  it('utc: seconds and Z (matches UTC_PATTERN); null or undefined stay null', () => {
    expect(toUtc(at)).toBe('2021-02-24T17:24:37Z');
    expect(toUtc(at)).toMatch(new RegExp(UTC_PATTERN));
    expect(toUtc(null)).toBeNull();
    expect(toUtc(undefined)).toBeNull();
  });

  it('date: the UTC calendar day', () => {
    expect(toDate(new Date('2021-02-24T23:59:59.999Z'))).toBe('2021-02-24');
    expect(toDate(new Date('2021-02-25T00:00:00.000Z'))).toBe('2021-02-25');
  });
});
