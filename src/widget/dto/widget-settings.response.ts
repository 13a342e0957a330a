import { ApiSchema } from '@nestjs/swagger';
import {
  EnumProperty,
  Example,
  IntegerProperty,
  NaiveProperty,
  NumberProperty,
  ObjectProperty,
  UuidProperty,
} from '../../openapi/properties';

export class WorkingHoursResponse {
  @Example('weekdays') day!: string;
  @IntegerProperty(540) start_minute!: number;
  @IntegerProperty(1020) end_minute!: number;
}

/** Papercups' account basic.json, as the widget reads it (company, hours, whether agents are away). */
@ApiSchema({ name: 'WidgetAccount' })
export class WidgetAccountResponse {
  @ObjectProperty('account') object!: 'account';
  @UuidProperty() id!: string;
  @Example('Acme') company_name!: string;
  company_logo_url!: string | null;
  @Example('Europe/Berlin') time_zone!: string | null;
  @EnumProperty(['starter', 'team']) subscription_plan!: string;
  settings!: Record<string, unknown> | null;
  working_hours!: WorkingHoursResponse[];
  is_outside_working_hours!: boolean;
  @NumberProperty() current_minutes_since_midnight!: number | null;
}

/** Papercups' widget_settings basic.json (`PUT` answers). */
@ApiSchema({ name: 'WidgetSettings' })
export class WidgetSettingsResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('widget_settings') object!: 'widget_settings';
  @NaiveProperty() created_at!: string;
  @NaiveProperty() updated_at!: string;
  @Example('Welcome!') title!: string | null;
  @Example('Ask us anything') subtitle!: string | null;
  @Example('#1890ff') color!: string | null;
  @Example('Hi there! How can I help?') greeting!: string | null;
  new_message_placeholder!: string | null;
  show_agent_availability!: boolean | null;
  agent_available_text!: string | null;
  agent_unavailable_text!: string | null;
  require_email_upfront!: boolean | null;
  is_open_by_default!: boolean;
  custom_icon_url!: string | null;
  iframe_url_override!: string | null;
  @Example('outlined') icon_variant!: string;
  email_input_placeholder!: string | null;
  new_messages_notification_text!: string | null;
  is_branding_hidden!: boolean;
  base_url!: string | null;
  away_message!: string | null;
  @UuidProperty() inbox_id!: string | null;
}

/** expanded.json (`GET`): with the account. */
@ApiSchema({ name: 'WidgetSettingsExpanded' })
export class WidgetSettingsExpandedResponse extends WidgetSettingsResponse {
  account!: WidgetAccountResponse;
}
