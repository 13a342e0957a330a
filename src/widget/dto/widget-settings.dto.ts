import { IsOptional } from 'class-validator';
import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import { Bool, JsonObject, Optional, Required, Text, Uuid, Wrapper } from '../../common/validation/fields';
import type { WidgetSetting } from '../entities/widget-setting.entity';

/** What agents edit (Papercups' WidgetSetting changeset, less the account and the widget's last-seen fields). */
export class WidgetSettingsFields extends RecordFields {
  @Optional() @Uuid() inbox_id?: string | null;
  @Optional() @Text() title?: string | null;
  @Optional() @Text() subtitle?: string | null;
  @Optional() @Text(64) color?: string | null;
  @Optional() @Text(4096) greeting?: string | null;
  @Optional() @Text() new_message_placeholder?: string | null;
  @Optional() @Bool() show_agent_availability?: boolean | null;
  @Optional() @Text() agent_available_text?: string | null;
  @Optional() @Text() agent_unavailable_text?: string | null;
  @Optional() @Bool() require_email_upfront?: boolean | null;
  @Optional() @Bool() is_open_by_default?: boolean;
  @Optional() @Bool() is_branding_hidden?: boolean;
  @Optional() @Text(2048) custom_icon_url?: string | null;
  @Optional() @Text(2048) iframe_url_override?: string | null;
  @Optional() @Text(64) icon_variant?: string;
  @Optional() @Text() email_input_placeholder?: string | null;
  @Optional() @Text() new_messages_notification_text?: string | null;
  @Optional() @Text(2048) base_url?: string | null;
  @Optional() @Text(4096) away_message?: string | null;
}

export const WIDGET_SETTINGS_COLUMNS: ColumnsOf<Omit<WidgetSettingsFields, 'inbox_id'>, WidgetSetting> = {
  title: 'title',
  subtitle: 'subtitle',
  color: 'color',
  greeting: 'greeting',
  new_message_placeholder: 'newMessagePlaceholder',
  show_agent_availability: 'showAgentAvailability',
  agent_available_text: 'agentAvailableText',
  agent_unavailable_text: 'agentUnavailableText',
  require_email_upfront: 'requireEmailUpfront',
  is_open_by_default: 'isOpenByDefault',
  is_branding_hidden: 'isBrandingHidden',
  custom_icon_url: 'customIconUrl',
  iframe_url_override: 'iframeUrlOverride',
  icon_variant: 'iconVariant',
  email_input_placeholder: 'emailInputPlaceholder',
  new_messages_notification_text: 'newMessagesNotificationText',
  base_url: 'baseUrl',
  away_message: 'awayMessage',
};

export class UpdateWidgetSettingsBody {
  @Wrapper(() => WidgetSettingsFields) widget_settings!: WidgetSettingsFields;
}

/** `GET /api/widget_settings?account_id=&inbox_id=` (the widget sends "undefined" for no inbox). */
export class WidgetSettingsQuery {
  @IsOptional() account_id?: string;
  @IsOptional() inbox_id?: string;
}

/** `metadata`: only `host`, `pathname` and `last_seen_at` are kept (Papercups' update_widget_metadata). */
export class UpdateWidgetMetadataBody {
  @IsOptional() account_id?: string;
  @IsOptional() inbox_id?: string;
  @Required() @JsonObject() metadata!: Record<string, unknown>;
}
