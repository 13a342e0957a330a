import { FieldParams } from '../../common/validation/field-params';
import {
  Bool,
  IntId,
  JsonObject,
  NonNull,
  OneOf,
  Optional,
  Required,
  Text,
  Timestamp,
  Uuid,
  Wrapper,
} from '../../common/validation/fields';
import { MESSAGE_SOURCES, MESSAGE_TYPES } from '../entities/message.entity';

export const MAX_BODY_LENGTH = 65_536;

/** Fields a message keeps whoever sent it (create and update). */
export class MessageContentParams extends FieldParams {
  @Optional() @Text(MAX_BODY_LENGTH) body?: string | null;
  @NonNull() @OneOf(MESSAGE_TYPES) type?: string;
  @NonNull() @OneOf(MESSAGE_SOURCES) source?: string;
  @NonNull() @Text(32) content_type?: string;
  @NonNull() @Bool() private?: boolean;
  @Optional() @Text() subject?: string | null;
  @Optional() @Timestamp() sent_at?: Date | null;
  @Optional() @Timestamp() seen_at?: Date | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

export class CreateMessageParams extends MessageContentParams {
  @Required() @Uuid() conversation_id!: string;
  /** Set for a message from a customer (of the caller's account); otherwise the caller is the sender. */
  @Optional() @Uuid() customer_id?: string | null;
  /** Accepted for compatibility and overwritten by the caller's id, as Papercups does. */
  @Optional() @IntId() user_id?: number | null;
}

export class CreateMessageBody {
  @Wrapper(() => CreateMessageParams) message!: CreateMessageParams;
}

export class UpdateMessageBody {
  @Wrapper(() => MessageContentParams) message!: MessageContentParams;
}
