import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import {
  Bool,
  IntId,
  JsonObject,
  MSG,
  NonNull,
  OneOf,
  Optional,
  Required,
  Text,
  Timestamp,
  Uuid,
  Wrapper,
} from '../../common/validation/fields';
import type { Message } from '../entities/message.entity';
import { MentionedUserIds } from '../../mentions/mentioned-user-ids';
import { MESSAGE_SOURCES, MESSAGE_TYPES, MessageSource, MessageType } from '../message.enums';

export const MAX_BODY_LENGTH = 65_536;

/** At most 10 upload ids (MAX_FILES_PER_MESSAGE). */
export const FileIds = () =>
  applyDecorators(
    IsOptional(),
    IsArray({ message: MSG.invalid }),
    ArrayMaxSize(10, { message: 'has too many entries' }),
    IsUUID('all', { each: true, message: MSG.invalid }),
  );

/** Fields a message keeps whoever sent it (create and update). */
export class MessageContentFields extends RecordFields {
  @Optional() @Text(MAX_BODY_LENGTH) body?: string | null;
  @NonNull() @OneOf(MESSAGE_TYPES) type?: MessageType;
  @NonNull() @OneOf(MESSAGE_SOURCES) source?: MessageSource;
  @NonNull() @Text(32) content_type?: string;
  @NonNull() @Bool() private?: boolean;
  @Optional() @Text() subject?: string | null;
  @Optional() @Timestamp() sent_at?: Date | null;
  @Optional() @Timestamp() seen_at?: Date | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

/** The columns the content fields write (who sent it and where are set by the service, never from these). */
export const MESSAGE_COLUMNS: ColumnsOf<MessageContentFields, Message> = {
  body: 'body',
  type: 'type',
  source: 'source',
  content_type: 'contentType',
  private: 'private',
  subject: 'subject',
  sent_at: 'sentAt',
  seen_at: 'seenAt',
  metadata: 'metadata',
};

export class CreateMessageFields extends MessageContentFields {
  @Required() @Uuid() conversation_id!: string;
  /** Set for a message from a customer (of the caller's account); otherwise the caller is the sender. */
  @Optional() @Uuid() customer_id?: string | null;
  /** Accepted for compatibility and overwritten by the caller's id, as Papercups does. */
  @Optional() @IntId() user_id?: number | null;
  /** Users of the caller's account mentioned in the message (the `mentioning` filter finds them). */
  @MentionedUserIds() mentioned_user_ids?: number[];
  /** Uploads (`POST /api/upload`) of the account the message carries as `attachments`. */
  @FileIds() file_ids?: string[];
}

export class CreateMessageBody {
  @Wrapper(() => CreateMessageFields) message!: CreateMessageFields;
}

export class UpdateMessageBody {
  @Wrapper(() => MessageContentFields) message!: MessageContentFields;
}
