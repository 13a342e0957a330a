import {
  DateCountResponse,
  FirstReplyWeekResponse,
  ResolutionWeekResponse,
  UserMessageCountResponse,
  WeekdayCountResponse,
} from './dto/report.response';
import { WEEKDAYS } from './reporting.enums';

/** Rows as the reporting queries return them. */
export interface DateCountRow {
  date: string;
  count: number;
  sent: number;
  received: number;
}
export interface UserCountRow {
  id: number;
  email: string;
  count: number;
}
export interface DurationStatsRow {
  average: number | null;
  median: number | null;
}
export interface WeeklyDurationRow extends DurationStatsRow {
  start_date: string;
  end_date: string;
  list: number[];
}

export const toDateCounts = (rows: DateCountRow[], key: 'count' | 'sent' | 'received'): DateCountResponse[] =>
  rows.filter((row) => row[key] > 0).map((row) => ({ date: row.date, count: row[key] }));

/** Customer messages per weekday: total, and the average over the dates of that weekday that had any. */
export function toWeekdayCounts(rows: DateCountRow[]): WeekdayCountResponse[] {
  return WEEKDAYS.map((day, index) => {
    const dates = rows.filter(
      (row) => row.received > 0 && (new Date(`${row.date}T00:00:00Z`).getUTCDay() + 6) % 7 === index,
    );
    const total = dates.reduce((sum, row) => sum + row.received, 0);
    return { day, average: total / Math.max(dates.length, 1), total };
  });
}

export const toUserCounts = (rows: UserCountRow[]): UserMessageCountResponse[] =>
  rows.map((row) => ({ user: { id: row.id, email: row.email }, count: row.count }));

/** Papercups: an average of nothing is 0.0, a median of nothing 0. */
export const averageOf = (row: DurationStatsRow) => row.average ?? 0;
export const medianOf = (row: DurationStatsRow) => row.median ?? 0;

const weekOf = (row: WeeklyDurationRow) => ({ start_date: row.start_date, end_date: row.end_date });
const statsOf = (row: WeeklyDurationRow) => ({ average: averageOf(row), median: medianOf(row) });

export const toFirstReplyWeeks = (rows: WeeklyDurationRow[]): FirstReplyWeekResponse[] =>
  rows.map((row) => ({ ...weekOf(row), seconds_to_first_reply_list: row.list, ...statsOf(row) }));

export const toResolutionWeeks = (rows: WeeklyDurationRow[]): ResolutionWeekResponse[] =>
  rows.map((row) => ({ ...weekOf(row), seconds_to_resolution_list: row.list, ...statsOf(row) }));
