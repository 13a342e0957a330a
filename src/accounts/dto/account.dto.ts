import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, Max, ValidateBy, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { MINUTES_PER_DAY, WORKING_DAY_NAMES, WorkingDay } from '../account.enums';
import { Bool, Int, MSG, NonNull, OneOf, Optional, Required, Text, Wrapper } from '../../common/validation/fields';
import { RecordFields } from '../../common/validation/record-fields';

/** An IANA time zone this server's ICU knows (what `Intl` can compute working hours in). */
const TimeZone = () =>
  ValidateBy({
    name: 'timeZone',
    validator: {
      validate: (value) => {
        if (value === null || value === undefined) return true;
        if (typeof value !== 'string' || value.length > 100) return false;
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: value });
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () => MSG.invalid,
    },
  });

export class WorkingHoursFields {
  @Required() @OneOf(WORKING_DAY_NAMES) day!: WorkingDay;
  @Required() @Int(0) @Max(MINUTES_PER_DAY, { message: MSG.invalid }) start_minute!: number;
  @Required() @Int(0) @Max(MINUTES_PER_DAY, { message: MSG.invalid }) end_minute!: number;
}

export class AccountSettingsFields {
  @Optional() @Bool() disable_automated_reply_emails?: boolean | null;
  @Optional() @Bool() conversation_reminders_enabled?: boolean | null;
  @Optional() @Int(1) conversation_reminder_hours_interval?: number | null;
  @Optional() @Int(0) max_num_conversation_reminders?: number | null;
}

/** `PUT /api/accounts/:id`: only the fields sent change; `working_hours` and `settings` are replaced whole. */
export class UpdateAccountFields extends RecordFields {
  @NonNull() @Text() company_name?: string;
  @Optional() @Text(2048) company_logo_url?: string | null;
  @ApiProperty({ type: 'string', example: 'America/New_York' })
  @Optional()
  @TimeZone()
  time_zone?: string | null;
  @ApiProperty({ type: [WorkingHoursFields] })
  @IsOptional()
  @IsArray({ message: MSG.invalid })
  @ArrayMaxSize(50, { message: MSG.invalid })
  @ValidateNested({ each: true })
  @Type(() => WorkingHoursFields)
  working_hours?: WorkingHoursFields[] | null;
  @IsOptional()
  @IsObject({ message: MSG.invalid })
  @ValidateNested()
  @Type(() => AccountSettingsFields)
  /** `null` clears them. */
  settings?: AccountSettingsFields;
}

export class UpdateAccountBody {
  @Wrapper(() => UpdateAccountFields) account!: UpdateAccountFields;
}
