import { toAccountResponse } from '../accounts/account.mapper';
import type { Account } from '../accounts/entities/account.entity';
import { toNaive } from '../common/serialization/time';
import { WidgetAccountResponse, WidgetSettingsResponse } from './dto/widget-settings.response';
import type { WidgetSetting } from './entities/widget-setting.entity';

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

/** Papercups' account basic.json: account.json without its users and widget settings. */
export function toWidgetAccountResponse(account: Account, now = new Date()): WidgetAccountResponse {
  const { users: _users, widget_settings: _settings, ...basic } = toAccountResponse(account, [], now);
  return basic;
}
