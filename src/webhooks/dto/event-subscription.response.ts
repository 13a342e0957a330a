import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EVENT_TYPES, EventType } from '../../events/event-types';
import { Example, NaiveProperty, ObjectProperty, UtcProperty, UuidProperty } from '../../openapi/properties';

export abstract class EventSubscriptionBase {
  @UuidProperty() id!: string;
  @ObjectProperty('event_subscription') object!: 'event_subscription';
  @UuidProperty() account_id!: string;
  @NaiveProperty() created_at!: string;
  @UtcProperty() disabled_at!: string | null;
  enabled!: boolean;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true, example: ['conversation:created', 'message:created'] })
  event_types!: EventType[];
  scope!: string | null;
  @NaiveProperty() updated_at!: string;
  verified!: boolean;
  @Example('https://example.com/hooks/papercups') webhook_url!: string;
}

/** Papercups' event_subscription view plus event_types and the delivery state. */
@ApiSchema({ name: 'EventSubscription' })
export class EventSubscriptionResponse extends EventSubscriptionBase {
  /** Only in the create and rotate_secret responses. */
  @ApiProperty({ type: 'string', nullable: true, enum: [null], example: null }) secret!: null;
}

/** The create and rotate_secret responses: the only time the signing secret is shown. */
@ApiSchema({ name: 'EventSubscriptionWithSecret' })
export class EventSubscriptionWithSecretResponse extends EventSubscriptionBase {
  /** The signing secret: shown here and never again (rotate_secret makes a new one). */
  @ApiProperty({ type: 'string', pattern: '^whsec_', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/ZDtY1DRqRU=' })
  secret!: string;
}

/** `POST /event_subscriptions/verify`. */
@ApiSchema({ name: 'Verified' })
export class VerifiedResponse {
  /** Whether the URL echoed the webhook:verify challenge. */
  verified!: boolean;
}
