import { clockIn, isOutsideWorkingHours } from './working-hours';

describe('working hours (Papercups semantics)', () => {
  // A Wednesday, 10:30 UTC = 12:30 in Berlin (summer time).
  const now = new Date('2021-06-02T10:30:00Z');
  const weekdays = [{ day: 'weekdays', start_minute: 540, end_minute: 1020 }];

  it('reads the clock in the account time zone', () => {
    expect(clockIn('Europe/Berlin', now)).toEqual({ minutes: 750, day: 3 });
    expect(clockIn('Not/AZone', now)).toBeNull();
    expect(clockIn(null, now)).toBeNull();
  });

  it('is outside only with a zone and hours, and on days without hours', () => {
    expect(isOutsideWorkingHours('Europe/Berlin', weekdays, now)).toBe(false);
    expect(isOutsideWorkingHours('Pacific/Auckland', weekdays, now)).toBe(true); // 22:30
    expect(isOutsideWorkingHours('Europe/Berlin', [{ day: 'weekends', start_minute: 0, end_minute: 1440 }], now)).toBe(
      true,
    );
    expect(isOutsideWorkingHours(null, weekdays, now)).toBe(false);
    expect(isOutsideWorkingHours('Europe/Berlin', [], now)).toBe(false);
  });
});
