import {
  averageOf,
  medianOf,
  toDateCounts,
  toFirstReplyWeeks,
  toUserCounts,
  toWeekdayCounts,
} from './reporting.mapper';

const rows = [
  { date: '2021-02-22', count: 3, sent: 1, received: 2 }, // Monday
  { date: '2021-02-23', count: 1, sent: 1, received: 0 }, // Tuesday
  { date: '2021-03-01', count: 4, sent: 0, received: 4 }, // Monday
];

describe('reporting views', () => {
  it('date counts leave out the dates without any of that kind', () => {
    expect(toDateCounts(rows, 'received')).toEqual([
      { date: '2021-02-22', count: 2 },
      { date: '2021-03-01', count: 4 },
    ]);
    expect(toDateCounts(rows, 'sent')).toEqual([
      { date: '2021-02-22', count: 1 },
      { date: '2021-02-23', count: 1 },
    ]);
  });

  it('weekdays, Monday first: received total and its average over the dates that had any', () => {
    const weekdays = toWeekdayCounts(rows);
    expect(weekdays.map((w) => w.day)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(weekdays[0]).toEqual({ day: 'Monday', average: 3, total: 6 });
    expect(weekdays[1]).toEqual({ day: 'Tuesday', average: 0, total: 0 });
  });

  it('an average or median of nothing is 0, as Papercups reports it', () => {
    expect([averageOf({ average: null, median: null }), medianOf({ average: null, median: null })]).toEqual([0, 0]);
    expect(
      toFirstReplyWeeks([{ start_date: '2021-02-21', end_date: '2021-02-27', list: [], average: null, median: null }]),
    ).toEqual([
      { start_date: '2021-02-21', end_date: '2021-02-27', seconds_to_first_reply_list: [], average: 0, median: 0 },
    ]);
  });

  it('messages per user nest the user', () => {
    expect(toUserCounts([{ id: 7, email: 'agent@example.com', count: 3 }])).toEqual([
      { user: { id: 7, email: 'agent@example.com' }, count: 3 },
    ]);
  });
});
