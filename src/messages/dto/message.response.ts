import { ApiSchema } from '@nestjs/swagger';
import { CustomerBasicResponse } from '../../customers/dto/customer.response';
import {
  EnumProperty,
  Example,
  IntegerProperty,
  MetadataProperty,
  NaiveProperty,
  ObjectProperty,
  UtcProperty,
  UuidProperty,
} from '../../openapi/properties';
import { FileResponse } from '../../uploads/dto/file.response';
import { UserResponse } from '../../users/dto/user.response';
import { MESSAGE_SOURCES, MESSAGE_TYPES, MessageSource, MessageType } from '../message.enums';

/** Papercups' message expanded.json: `user` always, `customer` only on customer messages. */
@ApiSchema({ name: 'Message' })
export class MessageResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('message') object!: 'message';
  @UuidProperty() account_id!: string;
  /** The files the message carries (`file_ids` on create). */
  attachments!: FileResponse[];
  @Example('How can I help you?') body!: string | null;
  @Example('text') content_type!: string;
  @UuidProperty() conversation_id!: string;
  @NaiveProperty() created_at!: string;
  /** Only on messages from a customer. */
  customer?: CustomerBasicResponse;
  @UuidProperty() customer_id!: string | null;
  @MetadataProperty() metadata!: Record<string, unknown> | null;
  private!: boolean;
  @UtcProperty() seen_at!: string | null;
  @UtcProperty() sent_at!: string | null;
  @EnumProperty(MESSAGE_SOURCES) source!: MessageSource;
  @EnumProperty(MESSAGE_TYPES) type!: MessageType;
  user!: UserResponse | null;
  @IntegerProperty() user_id!: number | null;
}
