import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { UserResponse } from '../../users/dto/user.response';
import { EnumProperty, Example, IntegerProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';
import { WORKING_DAY_NAMES, WorkingDay } from '../account.enums';

@ApiSchema({ name: 'WorkingHours' })
export class WorkingHoursResponse {
  @EnumProperty(WORKING_DAY_NAMES) day!: WorkingDay;
  @IntegerProperty(540) start_minute!: number;
  @IntegerProperty(1020) end_minute!: number;
}

@ApiSchema({ name: 'AccountSettings' })
export class AccountSettingsResponse {
  @ApiProperty({ type: 'boolean', nullable: true, example: false }) disable_automated_reply_emails!: boolean | null;
  @ApiProperty({ type: 'boolean', nullable: true, example: true }) conversation_reminders_enabled!: boolean | null;
  @IntegerProperty(24) conversation_reminder_hours_interval!: number | null;
  @IntegerProperty(3) max_num_conversation_reminders!: number | null;
}

/** Papercups' account.json: the account, its users (archived ones left out) and its working hours. */
@ApiSchema({ name: 'Account' })
export class AccountResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('account') object!: 'account';
  @Example('Acme') company_name!: string;
  company_logo_url!: string | null;
  /** Minutes since midnight in `time_zone`, null without one. */
  @ApiProperty({ type: 'number', nullable: true, example: 612.5 }) current_minutes_since_midnight!: number | null;
  /** Papercups' rule: false without a time zone; true when no working hours cover today. */
  is_outside_working_hours!: boolean;
  settings!: AccountSettingsResponse | null;
  @Example('team') subscription_plan!: string;
  @Example('America/New_York') time_zone!: string | null;
  users!: UserResponse[];
  /** The widget's settings (served by the widget API; empty here). */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, example: [] })
  widget_settings!: Record<string, unknown>[];
  working_hours!: WorkingHoursResponse[];
}
