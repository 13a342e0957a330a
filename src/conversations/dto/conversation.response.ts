import { ApiSchema } from '@nestjs/swagger';
import {
  EnumProperty,
  IntegerProperty,
  MetadataProperty,
  NaiveProperty,
  ObjectProperty,
  UtcProperty,
  UuidProperty,
} from '../../openapi/properties';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_SOURCES,
  CONVERSATION_STATUSES,
  ConversationPriority,
  ConversationSource,
  ConversationStatus,
} from '../conversation.enums';

/** Papercups' conversation basic.json (create, update, events, customer lists). */
@ApiSchema({ name: 'Conversation' })
export class ConversationResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('conversation') object!: 'conversation';
  @UuidProperty() account_id!: string;
  @IntegerProperty() assignee_id!: number | null;
  @UtcProperty() closed_at!: string | null;
  @NaiveProperty() created_at!: string;
  @UuidProperty() customer_id!: string;
  @UuidProperty() inbox_id!: string | null;
  @UtcProperty() last_activity_at!: string | null;
  @MetadataProperty() metadata!: Record<string, unknown> | null;
  @EnumProperty(CONVERSATION_PRIORITIES) priority!: ConversationPriority;
  read!: boolean;
  @EnumProperty(CONVERSATION_SOURCES) source!: ConversationSource;
  @EnumProperty(CONVERSATION_STATUSES) status!: ConversationStatus;
  subject!: string | null;
}
