import { weeklyBounds } from './reporting.service';

describe("weeklyBounds: Papercups' weekly chunks [first Sunday, end-exclusive Sunday]", () => {
  it.each([
    // 2021-02-24 is a Wednesday; 2021-02-21 and 2021-02-28 are Sundays.
    ['2021-02-24T10:00:00Z', '2021-02-24T11:00:00Z', '2021-02-21', '2021-02-28'],
    // From a Sunday: the Sunday strictly before it; to a Sunday: that Sunday itself.
    ['2021-02-21T00:00:00Z', '2021-02-28T23:59:59Z', '2021-02-14', '2021-02-28'],
    // From a Monday, to a Saturday.
    ['2021-02-22T00:00:00Z', '2021-02-27T00:00:00Z', '2021-02-21', '2021-02-28'],
    // Across a month and a year.
    ['2020-12-30T08:00:00Z', '2021-01-05T08:00:00Z', '2020-12-27', '2021-01-10'],
    // The UTC date counts, whatever the offset it was written with.
    ['2021-02-24T23:30:00-02:00', '2021-02-25T00:30:00+02:00', '2021-02-21', '2021-02-28'],
  ])('%s … %s → %s … %s', (from, to, start, finish) => {
    expect(weeklyBounds(new Date(from), new Date(to))).toEqual([start, finish]);
  });
});
