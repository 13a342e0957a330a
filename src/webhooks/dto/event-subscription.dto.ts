import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsArray, IsString } from 'class-validator';
import { RecordFields } from '../../common/validation/record-fields';
import { Bool, MSG, NonNull, Optional, Required, Text, Wrapper } from '../../common/validation/fields';

/** A list of event types; a form body may send `event_types[]=a&event_types[]=b` or `event_types=a,b`. */
const EventTypeList = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), {
      toClassOnly: true,
    }),
    IsArray({ message: MSG.invalid }),
    IsString({ each: true, message: MSG.invalid }),
  );

export class CreateEventSubscriptionFields extends RecordFields {
  @Required() @Text(2048) webhook_url!: string;
  /** Papercups' scope: event names it contains (substring) are delivered, besides the two always delivered. */
  @Optional() @Text(255) scope?: string | null;
  /** Exactly the event types to deliver; overrides `scope` when given. */
  @Optional() @EventTypeList() event_types?: string[] | null;
}

export class UpdateEventSubscriptionFields extends RecordFields {
  @NonNull() @Text(2048) webhook_url?: string;
  @Optional() @Text(255) scope?: string | null;
  @Optional() @EventTypeList() event_types?: string[] | null;
  /** `true` re-enables a subscription disabled after failures (and resets its failure count); `false` pauses it. */
  @NonNull() @Bool() enabled?: boolean;
}

export class CreateEventSubscriptionBody {
  @Wrapper(() => CreateEventSubscriptionFields) event_subscription!: CreateEventSubscriptionFields;
}

export class UpdateEventSubscriptionBody {
  @Wrapper(() => UpdateEventSubscriptionFields) event_subscription!: UpdateEventSubscriptionFields;
}

export class VerifyUrlBody extends RecordFields {
  @Required() @IsString({ message: MSG.invalid }) url!: string;
}
