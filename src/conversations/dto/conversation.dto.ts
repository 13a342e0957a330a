import { FieldParams } from '../../common/validation/field-params';
import {
  Bool,
  IntId,
  JsonObject,
  Nested,
  NonNull,
  OneOf,
  Optional,
  Required,
  Text,
  Uuid,
  Wrapper,
} from '../../common/validation/fields';
import { MAX_BODY_LENGTH } from '../../messages/dto/message.dto';
import { MESSAGE_TYPES } from '../../messages/entities/message.entity';
import { CONVERSATION_PRIORITIES, CONVERSATION_SOURCES, CONVERSATION_STATUSES } from '../entities/conversation.entity';

/** `conversation.message`: the first message, sent by the caller. */
export class InitialMessageParams extends FieldParams {
  @Required() @Text(MAX_BODY_LENGTH) body!: string;
  @NonNull() @OneOf(MESSAGE_TYPES) type?: string;
  @NonNull() @Bool() private?: boolean;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

/** Fields of a conversation, optional on create and update. `account_id` is never settable. */
export class ConversationParams extends FieldParams {
  @NonNull() @OneOf(CONVERSATION_STATUSES) status?: string;
  @NonNull() @OneOf(CONVERSATION_PRIORITIES) priority?: string;
  @NonNull() @OneOf(CONVERSATION_SOURCES) source?: string;
  @NonNull() @Bool() read?: boolean;
  @Optional() @IntId() assignee_id?: number | null;
  @Optional() @Uuid() inbox_id?: string | null;
  @Optional() @Text() subject?: string | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

export class CreateConversationParams extends ConversationParams {
  @Required() @Uuid() customer_id!: string;
  @Nested(() => InitialMessageParams) message?: InitialMessageParams;
}

export class UpdateConversationParams extends ConversationParams {
  @NonNull() @Uuid() customer_id?: string;
}

export class CreateConversationBody {
  @Wrapper(() => CreateConversationParams) conversation!: CreateConversationParams;
}

export class UpdateConversationBody {
  @Wrapper(() => UpdateConversationParams) conversation!: UpdateConversationParams;
}
