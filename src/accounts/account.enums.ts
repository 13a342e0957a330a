/** Papercups' working-hours `day` values and the ISO weekdays (Monday = 1) each covers. */
export const WORKING_DAYS = {
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
} as const;
export type WorkingDay = keyof typeof WORKING_DAYS;
export const WORKING_DAY_NAMES = Object.keys(WORKING_DAYS) as WorkingDay[];

export const MINUTES_PER_DAY = 24 * 60;
