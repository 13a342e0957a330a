import { ApiSchema } from '@nestjs/swagger';
import { EventResponse } from '../../events/dto/event.response';
import {
  EnumProperty,
  Example,
  IntegerProperty,
  NaiveProperty,
  ObjectProperty,
  UtcProperty,
  UuidProperty,
} from '../../openapi/properties';
import { DELIVERY_STATUSES, DeliveryStatus } from '../webhook-delivery.enums';

/** One POST made for a delivery. */
@ApiSchema({ name: 'WebhookDeliveryAttempt' })
export class WebhookDeliveryAttemptResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('webhook_delivery_attempt') object!: 'webhook_delivery_attempt';
  @UtcProperty() created_at!: string;
  @IntegerProperty(87) duration_ms!: number;
  @Example('timeout') error!: string | null;
  @IntegerProperty(200) status_code!: number | null;
}

/** One event for one subscription, with every attempt. */
@ApiSchema({ name: 'WebhookDelivery' })
export class WebhookDeliveryResponse {
  /** Also the `webhook-id` header of every POST made for it. */
  @UuidProperty() id!: string;
  @ObjectProperty('webhook_delivery') object!: 'webhook_delivery';
  @UuidProperty() account_id!: string;
  @IntegerProperty() attempt_count!: number;
  /** Oldest first. */
  attempts!: WebhookDeliveryAttemptResponse[];
  @NaiveProperty() created_at!: string;
  event!: EventResponse;
  @UtcProperty() last_attempt_at!: string | null;
  /** Only while pending. */
  @UtcProperty() next_attempt_at!: string | null;
  @EnumProperty(DELIVERY_STATUSES) status!: DeliveryStatus;
  @UuidProperty() subscription_id!: string;
  @NaiveProperty() updated_at!: string;
}
