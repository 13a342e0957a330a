import type { User } from '../users/entities/user.entity';
import { toUserResponse } from '../users/user.mapper';
import { AccountResponse, AccountSettingsResponse } from './dto/account.response';
import type { Account, AccountSettings } from './entities/account.entity';
import { isOutsideWorkingHours, localTime } from './working-hours';

const toSettings = (settings: AccountSettings | null): AccountSettingsResponse | null =>
  settings && {
    disable_automated_reply_emails: settings.disable_automated_reply_emails ?? null,
    conversation_reminders_enabled: settings.conversation_reminders_enabled ?? null,
    conversation_reminder_hours_interval: settings.conversation_reminder_hours_interval ?? null,
    max_num_conversation_reminders: settings.max_num_conversation_reminders ?? null,
  };

/** Papercups' account.json, computed at `now` (working hours are read in the account's time zone). */
export const toAccountResponse = (account: Account, users: User[], now = new Date()): AccountResponse => ({
  id: account.id,
  object: 'account',
  company_name: account.companyName,
  company_logo_url: account.companyLogoUrl,
  current_minutes_since_midnight: account.timeZone ? (localTime(account.timeZone, now)?.minutes ?? null) : null,
  is_outside_working_hours: isOutsideWorkingHours(account, now),
  settings: toSettings(account.settings),
  subscription_plan: account.subscriptionPlan,
  time_zone: account.timeZone,
  users: users.map(toUserResponse),
  widget_settings: [],
  working_hours: account.workingHours.map(({ day, start_minute, end_minute }) => ({ day, start_minute, end_minute })),
});
