import { ApiExtraModels, ApiProperty, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { ConversationResponse } from '../../conversations/dto/conversation.response';
import { CustomerWithAssociationsResponse } from '../../customers/dto/customer.response';
import { MessageResponse } from '../../messages/dto/message.response';
import { NoteResponse } from '../../notes/dto/note.response';
import { EnumProperty, NaiveProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';
import { TagResponse } from '../../tags/dto/tag.response';
import { EVENT_TYPES, EventType } from '../event-types';

/** What an event carries: the record as the API renders it. */
export type EventPayload =
  ConversationResponse | MessageResponse | CustomerWithAssociationsResponse | TagResponse | NoteResponse;
const PAYLOADS = [ConversationResponse, MessageResponse, CustomerWithAssociationsResponse, TagResponse, NoteResponse];

@ApiSchema({ name: 'Event' })
@ApiExtraModels(...PAYLOADS)
export class EventResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('event') object!: 'event';
  @UuidProperty() account_id!: string;
  @NaiveProperty() created_at!: string;
  /** The account's sequence number: pass it back as `after` or `Last-Event-ID`. */
  @ApiProperty({ type: 'string', pattern: '^\\d+$', example: '42' }) cursor!: string;
  /** The record as the API renders it (after the change; before it, for a delete). */
  @ApiProperty({ anyOf: PAYLOADS.map((model) => ({ $ref: getSchemaPath(model) })) }) payload!: EventPayload;
  @EnumProperty(EVENT_TYPES) type!: EventType;
}
