/** Papercups' working hours: `{day, start_minute, end_minute}`, day "everyday", "weekdays", "monday", … */
export interface WorkingHours {
  day: string;
  start_minute: number;
  end_minute: number;
}

const DAYS: Record<string, number[]> = {
  everyday: [1, 2, 3, 4, 5, 6, 7],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
  monday: [1],
  tuesday: [2],
  wednesday: [3],
  thursday: [4],
  friday: [5],
  saturday: [6],
  sunday: [7],
};
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Minutes since midnight (fractional, as Papercups) and ISO day of week in the zone; null for a bad zone. */
export function clockIn(timeZone: string | null, now = new Date()): { minutes: number; day: number } | null {
  if (!timeZone) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(now);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
    const minutes = Number(part('hour')) * 60 + Number(part('minute')) + Number(part('second')) / 60;
    return { minutes, day: WEEKDAY[part('weekday')] ?? 1 };
  } catch {
    return null;
  }
}

/** Papercups' Accounts.is_outside_working_hours?: false without a zone or hours; true on a day without hours. */
export function isOutsideWorkingHours(timeZone: string | null, hours: WorkingHours[], now = new Date()): boolean {
  const clock = clockIn(timeZone, now);
  if (!clock || !hours.length) return false;
  const today = hours.find((wh) => (DAYS[wh.day] ?? []).includes(clock.day));
  return !today || clock.minutes < today.start_minute || clock.minutes > today.end_minute;
}
