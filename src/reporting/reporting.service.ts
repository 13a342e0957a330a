import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReportResponse } from './dto/report.response';
import {
  averageOf,
  DateCountRow,
  DurationStatsRow,
  medianOf,
  toDateCounts,
  toFirstReplyWeeks,
  toResolutionWeeks,
  toUserCounts,
  toWeekdayCounts,
  UserCountRow,
  WeeklyDurationRow,
} from './reporting.mapper';

const DAY_MS = 86_400_000;
/** A UTC calendar day of a timestamptz column. */
const day = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;
/** Whole seconds between two timestamps, as Papercups' NaiveDateTime.diff on second-precision values. */
const secondsBetween = (from: string, to: string) =>
  `(extract(epoch from date_trunc('second', ${to})) - extract(epoch from date_trunc('second', ${from})))::int`;
const FIRST_REPLY = secondsBetween('c.created_at', 'c.first_replied_at');
const RESOLUTION = secondsBetween('c.created_at', 'c.closed_at');
/** Papercups' filter: the caller's account, created strictly between the two dates. */
const IN_RANGE = (alias: string) =>
  `${alias}.account_id = $1 AND ${alias}.created_at > $2 AND ${alias}.created_at < $3`;

/** The weekly bounds, passed as days since 1970-01-01 (see weekly()). */
const START = `(DATE '1970-01-01' + $4::int)`;
const FINISH = `(DATE '1970-01-01' + $5::int)`;

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
/** ISO weekday, Monday 1 … Sunday 7. */
const isoWeekday = (date: Date) => ((date.getUTCDay() + 6) % 7) + 1;

/**
 * Papercups' weekly chunks: from the Sunday strictly before `from`'s date to the Sunday on or after
 * `to`'s date, as [first Sunday, end-exclusive Sunday].
 */
export function weeklyBounds(from: Date, to: Date): [string, string] {
  const fromDay = Date.parse(isoDate(from));
  const toDay = Date.parse(isoDate(to));
  const start = fromDay - isoWeekday(from) * DAY_MS;
  const finish = toDay + (7 - isoWeekday(to)) * DAY_MS;
  return [isoDate(new Date(start)), isoDate(new Date(finish))];
}

/** Papercups' reporting figures, each one SQL aggregate over the account's rows in the range. */
@Injectable()
export class ReportingService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async report(accountId: string, from: Date, to: Date): Promise<ReportResponse> {
    const range = [accountId, from, to];
    const [messagesByDate, perUser, conversationsByDate, [stats], firstReplyWeeks, resolutionWeeks] = await Promise.all(
      [
        this.db.query<DateCountRow[]>(
          `SELECT to_char(${day('m.created_at')}, 'YYYY-MM-DD') AS date, count(*)::int AS count,
                count(*) FILTER (WHERE m.user_id IS NOT NULL)::int AS sent,
                count(*) FILTER (WHERE m.customer_id IS NOT NULL)::int AS received
           FROM messages m WHERE ${IN_RANGE('m')} GROUP BY 1 ORDER BY 1`,
          range,
        ),
        this.db.query<UserCountRow[]>(
          `SELECT u.id::int AS id, u.email, count(*)::int AS count
           FROM messages m JOIN users u ON u.id = m.user_id
          WHERE ${IN_RANGE('m')} GROUP BY u.id, u.email ORDER BY u.id`,
          range,
        ),
        this.db.query<DateCountRow[]>(
          `SELECT to_char(${day('c.created_at')}, 'YYYY-MM-DD') AS date, count(*)::int AS count, 0 AS sent, 0 AS received
           FROM conversations c WHERE ${IN_RANGE('c')} GROUP BY 1 ORDER BY 1`,
          range,
        ),
        this.db.query<{ first_reply: DurationStatsRow; resolution: DurationStatsRow }[]>(
          `SELECT json_build_object('average', avg(first_reply)::float8,
                  'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reply)) AS first_reply,
                json_build_object('average', avg(resolution)::float8,
                  'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution)) AS resolution
           FROM (SELECT CASE WHEN c.first_replied_at IS NOT NULL THEN ${FIRST_REPLY} END AS first_reply,
                        CASE WHEN c.closed_at IS NOT NULL THEN ${RESOLUTION} END AS resolution
                   FROM conversations c WHERE ${IN_RANGE('c')}) durations`,
          range,
        ),
        this.weekly(range, 'c.first_replied_at', FIRST_REPLY),
        this.weekly(range, 'c.closed_at', RESOLUTION),
      ],
    );
    return {
      messages_by_date: toDateCounts(messagesByDate, 'count'),
      conversations_by_date: toDateCounts(conversationsByDate, 'count'),
      messages_per_user: toUserCounts(perUser),
      messages_by_weekday: toWeekdayCounts(messagesByDate),
      sent_messages_by_date: toDateCounts(messagesByDate, 'sent'),
      received_messages_by_date: toDateCounts(messagesByDate, 'received'),
      average_time_to_first_reply: averageOf(stats.first_reply),
      median_time_to_first_reply: medianOf(stats.first_reply),
      first_reply_metrics_by_week: toFirstReplyWeeks(firstReplyWeeks),
      average_time_to_resolution: averageOf(stats.resolution),
      median_time_to_resolution: medianOf(stats.resolution),
      resolution_metrics_by_week: toResolutionWeeks(resolutionWeeks),
    };
  }

  /** Per week (newest first, as Papercups returns them): the durations, their average and median. */
  private weekly(range: unknown[], endColumn: string, seconds: string): Promise<WeeklyDurationRow[]> {
    // As day numbers: the Sunday before 0001-01-01 is in year 0, which PostgreSQL reads as text only as "1 BC".
    const [start, finish] = weeklyBounds(range[1] as Date, range[2] as Date).map((d) => Date.parse(d) / DAY_MS);
    return this.db.query(
      `WITH weeks AS (
         SELECT week::date AS start FROM generate_series(${START}, ${FINISH} - 1, interval '7 days') AS week
       ), durations AS (
         SELECT ${START} + 7 * ((${day('c.created_at')} - ${START}) / 7) AS week, c.created_at, ${seconds} AS seconds
           FROM conversations c WHERE ${IN_RANGE('c')} AND ${endColumn} IS NOT NULL
       )
       SELECT to_char(w.start, 'YYYY-MM-DD') AS start_date, to_char(w.start + 6, 'YYYY-MM-DD') AS end_date,
              coalesce(array_agg(d.seconds ORDER BY d.created_at) FILTER (WHERE d.seconds IS NOT NULL), '{}') AS list,
              avg(d.seconds)::float8 AS average,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY d.seconds) AS median
         FROM weeks w LEFT JOIN durations d ON d.week = w.start
        GROUP BY w.start ORDER BY w.start DESC`,
      [...range, start, finish],
    );
  }
}
