import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
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
  Timestamp,
  Uuid,
  Wrapper,
} from '../../common/validation/fields';
import { MAX_BODY_LENGTH } from '../../messages/dto/message.dto';
import { MESSAGE_TYPES, MessageType } from '../../messages/message.enums';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_SOURCES,
  CONVERSATION_STATUSES,
  ConversationPriority,
  ConversationSource,
  ConversationStatus,
} from '../conversation.enums';
import type { Conversation } from '../entities/conversation.entity';

/** `conversation.message`: the first message, sent by the caller. */
export class InitialMessageFields extends RecordFields {
  @Required() @Text(MAX_BODY_LENGTH) body!: string;
  @NonNull() @OneOf(MESSAGE_TYPES) type?: MessageType;
  @NonNull() @Bool() private?: boolean;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

/** Fields of a conversation, optional on create and update. `account_id` is never settable. */
export class ConversationFields extends RecordFields {
  @NonNull() @OneOf(CONVERSATION_STATUSES) status?: ConversationStatus;
  @NonNull() @OneOf(CONVERSATION_PRIORITIES) priority?: ConversationPriority;
  @NonNull() @OneOf(CONVERSATION_SOURCES) source?: ConversationSource;
  @NonNull() @Bool() read?: boolean;
  @Optional() @IntId() assignee_id?: number | null;
  @Optional() @Uuid() inbox_id?: string | null;
  @Optional() @Text() subject?: string | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

export class CreateConversationFields extends ConversationFields {
  @Required() @Uuid() customer_id!: string;
  @Nested(() => InitialMessageFields) message?: InitialMessageFields;
}

export class UpdateConversationFields extends ConversationFields {
  @NonNull() @Uuid() customer_id?: string;
  /** A time archives the conversation (hidden from lists unless `archived=true`); null brings it back. */
  @Optional() @Timestamp() archived_at?: Date | null;
}

/** The columns the fields write (the initial `message` is a row of its own). */
export const CONVERSATION_COLUMNS: ColumnsOf<UpdateConversationFields, Conversation> = {
  status: 'status',
  priority: 'priority',
  source: 'source',
  read: 'read',
  assignee_id: 'assigneeId',
  inbox_id: 'inboxId',
  subject: 'subject',
  metadata: 'metadata',
  customer_id: 'customerId',
  archived_at: 'archivedAt',
};

export class CreateConversationBody {
  @Wrapper(() => CreateConversationFields) conversation!: CreateConversationFields;
}

export class UpdateConversationBody {
  @Wrapper(() => UpdateConversationFields) conversation!: UpdateConversationFields;
}
