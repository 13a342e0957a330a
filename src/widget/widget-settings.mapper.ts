import { toNaive } from '../common/serialization/time';
import { WidgetAccountResponse, WidgetSettingsResponse } from './dto/widget-settings.response';
import type { WidgetSetting } from './entities/widget-setting.entity';
import type { WorkingHours } from '../accounts/entities/account.entity';
import { isOutsideWorkingHours, localTime } from '../accounts/working-hours';

export const toWidgetSettingsResponse = (w: WidgetSetting): WidgetSettingsResponse => ({
  id: w.id,
  object: 'widget_settings',
  created_at: toNaive(w.createdAt),
  updated_at: toNaive(w.updatedAt),
  title: w.title,
  subtitle: w.subtitle,
  color: w.color,
  greeting: w.greeting,
  new_message_placeholder: w.newMessagePlaceholder,
  show_agent_availability: w.showAgentAvailability,
  agent_available_text: w.agentAvailableText,
  agent_unavailable_text: w.agentUnavailableText,
  require_email_upfront: w.requireEmailUpfront,
  is_open_by_default: w.isOpenByDefault,
  custom_icon_url: w.customIconUrl,
  iframe_url_override: w.iframeUrlOverride,
  icon_variant: w.iconVariant,
  email_input_placeholder: w.emailInputPlaceholder,
  new_messages_notification_text: w.newMessagesNotificationText,
  is_branding_hidden: w.isBrandingHidden,
  base_url: w.baseUrl,
  away_message: w.awayMessage,
  inbox_id: w.inboxId,
});

/** The account row as JSON, rendered as Papercups' account basic.json (working hours as the accounts module reads them). */
export function toWidgetAccountResponse(row: Record<string, unknown>, now = new Date()): WidgetAccountResponse {
  const timeZone = typeof row.time_zone === 'string' ? row.time_zone : null;
  const hours = (Array.isArray(row.working_hours) ? row.working_hours : []) as WorkingHours[];
  const clock = timeZone ? localTime(timeZone, now) : null;
  return {
    object: 'account',
    id: row.id as string,
    company_name: row.company_name as string,
    company_logo_url: (row.company_logo_url as string | undefined) ?? null,
    time_zone: timeZone,
    subscription_plan: row.subscription_plan as string,
    settings: (row.settings as Record<string, unknown> | undefined) ?? null,
    working_hours: hours.map(({ day, start_minute, end_minute }) => ({ day, start_minute, end_minute })),
    is_outside_working_hours: isOutsideWorkingHours({ timeZone, workingHours: hours }, now),
    current_minutes_since_midnight: clock ? clock.minutes : null,
  };
}
