import { isCalendarDate, isCursorTimestamp, parseTimestamp } from './timestamp';

describe('parseTimestamp', () => {
  it.each([
    ['2021-02-24', '2021-02-24T00:00:00.000Z'],
    ['2021-02-24T17:24:37Z', '2021-02-24T17:24:37.000Z'],
    ['2021-02-24T17:24:37', '2021-02-24T17:24:37.000Z'],
    ['2021-02-24 17:24', '2021-02-24T17:24:00.000Z'],
    ['2021-02-24T17:24:37.123456Z', '2021-02-24T17:24:37.123Z'],
    ['2021-02-24T17:24:37.5Z', '2021-02-24T17:24:37.500Z'],
    ['2021-02-24T17:24:37+02:00', '2021-02-24T15:24:37.000Z'],
    ['2021-02-24T17:24:37-0530', '2021-02-24T22:54:37.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
  ])('reads %s as %s', (value, iso) => expect(parseTimestamp(value)?.toISOString()).toBe(iso));

  it.each([
    '2021-02-31',
    '2021-02-29',
    '1900-02-29',
    '2021-13-01',
    '2021-00-10',
    '0000-01-01',
    '0001-01-01T00:00:00+01:00', // year 0 in UTC
    '9999-12-31T23:00:00-02:00', // year 10000 in UTC
    '1',
    '99999',
    '-1',
    '+275760-09-13T00:00:00.000Z',
    '2021-02-24T24:00:00Z',
    '2021-02-24T23:60:00Z',
    '2021-02-24T23:59:60Z',
    '2021-02-24T17:24:37+99:00',
    '2021-02-24T17:24:37+24:00',
    '2021-02-24T17:24:37+02:60',
    'yesterday',
    '',
  ])('refuses %s', (value) => expect(parseTimestamp(value)).toBeNull());

  it('calendar dates are real days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
  });

  it('cursor timestamps are toISOString() of a representable time', () => {
    expect(isCursorTimestamp('2021-02-24T17:24:37.000Z')).toBe(true);
    expect(isCursorTimestamp('2021-02-24T17:24:37Z')).toBe(true);
    for (const bad of ['2021-02-31T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '1', '2021-02-24 17:24:37Z']) {
      expect(isCursorTimestamp(bad)).toBe(false);
    }
  });
});
