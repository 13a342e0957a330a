import { isOutsideWorkingHours, localTime } from './working-hours';

describe('working hours (Papercups is_outside_working_hours?)', () => {
  // Wednesday 2024-01-10 15:30:30 UTC = 10:30:30 in New York.
  const now = new Date('2024-01-10T15:30:30Z');
  const ny = 'America/New_York';

  it('reads the weekday and minutes since midnight in the time zone', () => {
    expect(localTime(ny, now)).toEqual({ weekday: 3, minutes: 630.5 });
    expect(localTime('UTC', new Date('2024-01-14T00:00:00Z'))).toEqual({ weekday: 7, minutes: 0 });
    expect(localTime('Not/AZone', now)).toBeNull();
  });

  it('is false without a time zone, true when nothing covers today, else compares the minutes', () => {
    const weekdays = [{ day: 'weekdays' as const, start_minute: 540, end_minute: 1020 }];
    expect(isOutsideWorkingHours({ timeZone: null, workingHours: weekdays }, now)).toBe(false);
    expect(isOutsideWorkingHours({ timeZone: ny, workingHours: [] }, now)).toBe(true);
    expect(isOutsideWorkingHours({ timeZone: ny, workingHours: weekdays }, now)).toBe(false);
    const late = [{ day: 'wednesday' as const, start_minute: 700, end_minute: 800 }];
    expect(isOutsideWorkingHours({ timeZone: ny, workingHours: late }, now)).toBe(true);
    const weekends = [{ day: 'weekends' as const, start_minute: 0, end_minute: 1440 }];
    expect(isOutsideWorkingHours({ timeZone: ny, workingHours: weekends }, now)).toBe(true);
  });
});
