import { WORKING_DAYS } from './account.enums';
import type { Account } from './entities/account.entity';

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The ISO weekday (Monday = 1) and the minutes since midnight (with seconds, as Papercups' float) in `timeZone`. */
export function localTime(timeZone: string, now: Date): { weekday: number; minutes: number } | null {
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      })
        .formatToParts(now)
        .map((part) => [part.type, part.value]),
    );
    return {
      weekday: WEEKDAYS[parts.weekday],
      minutes: Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60,
    };
  } catch {
    return null; // a time zone this ICU does not know (stored before validation, or imported)
  }
}

/**
 * Papercups' `is_outside_working_hours?`: false without a (known) time zone; otherwise the first working-hours
 * entry covering today decides, and with none the account is outside working hours.
 */
export function isOutsideWorkingHours(account: Pick<Account, 'timeZone' | 'workingHours'>, now: Date): boolean {
  const local = account.timeZone ? localTime(account.timeZone, now) : null;
  if (!local) return false;
  const today = (account.workingHours ?? []).find((hours) =>
    (WORKING_DAYS[hours.day] as readonly number[] | undefined)?.includes(local.weekday),
  );
  return !today || local.minutes < today.start_minute || local.minutes > today.end_minute;
}
