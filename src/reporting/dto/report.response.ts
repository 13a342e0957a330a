import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { DateProperty, EnumProperty, Example, IntegerProperty, NumberProperty } from '../../openapi/properties';
import { WEEKDAYS, Weekday } from '../reporting.enums';

@ApiSchema({ name: 'DateCount' })
export class DateCountResponse {
  @DateProperty() date!: string;
  @IntegerProperty() count!: number;
}

@ApiSchema({ name: 'ReportUser' })
export class ReportUserResponse {
  @IntegerProperty() id!: number;
  @Example('agent@example.com') email!: string;
}

@ApiSchema({ name: 'UserMessageCount' })
export class UserMessageCountResponse {
  user!: ReportUserResponse;
  @IntegerProperty() count!: number;
}

@ApiSchema({ name: 'WeekdayCount' })
export class WeekdayCountResponse {
  @EnumProperty(WEEKDAYS) day!: Weekday;
  @NumberProperty() average!: number;
  @IntegerProperty() total!: number;
}

const Seconds = () => ApiProperty({ type: 'integer', isArray: true, example: [42] });

/** One week (Sunday to Saturday) of durations in seconds, with their average and median. */
export abstract class WeeklyMetrics {
  @DateProperty() start_date!: string;
  @DateProperty() end_date!: string;
  @NumberProperty() average!: number;
  @NumberProperty() median!: number;
}

@ApiSchema({ name: 'FirstReplyWeek' })
export class FirstReplyWeekResponse extends WeeklyMetrics {
  @Seconds() seconds_to_first_reply_list!: number[];
}

@ApiSchema({ name: 'ResolutionWeek' })
export class ResolutionWeekResponse extends WeeklyMetrics {
  @Seconds() seconds_to_resolution_list!: number[];
}

/** Papercups' reporting figures for the range. */
@ApiSchema({ name: 'Report' })
export class ReportResponse {
  messages_by_date!: DateCountResponse[];
  conversations_by_date!: DateCountResponse[];
  messages_per_user!: UserMessageCountResponse[];
  messages_by_weekday!: WeekdayCountResponse[];
  sent_messages_by_date!: DateCountResponse[];
  received_messages_by_date!: DateCountResponse[];
  /** Seconds; 0 when there is none. */
  @NumberProperty() average_time_to_first_reply!: number;
  /** Seconds; 0 when there is none. */
  @NumberProperty() median_time_to_first_reply!: number;
  /** Newest week first. */
  first_reply_metrics_by_week!: FirstReplyWeekResponse[];
  /** Seconds; 0 when there is none. */
  @NumberProperty() average_time_to_resolution!: number;
  /** Seconds; 0 when there is none. */
  @NumberProperty() median_time_to_resolution!: number;
  /** Newest week first. */
  resolution_metrics_by_week!: ResolutionWeekResponse[];
}
