import { IsOptional, Matches } from 'class-validator';
import { DateRangeQuery } from '../../common/pagination/date-range';
import { Bool, MSG, OneOf, Optional, Text, Uuid } from '../../common/validation/fields';
import { CONVERSATION_PRIORITIES, CONVERSATION_SOURCES, CONVERSATION_STATUSES } from '../entities/conversation.entity';

export class ListConversationsQuery extends DateRangeQuery {
  @Optional() @OneOf(CONVERSATION_STATUSES) status?: string;
  @Optional() @OneOf(CONVERSATION_PRIORITIES) priority?: string;
  @Optional() @OneOf(CONVERSATION_SOURCES) source?: string;
  @Optional() @Uuid() customer_id?: string;
  @Optional() @Uuid() inbox_id?: string;
  @Optional() @Bool() read?: boolean;
  /** Conversations carrying this tag. */
  @Optional() @Uuid() tag_id?: string;
  /** Conversations with at least one message whose body contains `q` (case-insensitive). */
  @Optional() @Text() q?: string;

  /** `""` = unassigned, `me` = the caller, or a user id. */
  @IsOptional() @Matches(/^(|me|\d{1,15})$/, { message: MSG.invalid }) assignee_id?: string;
}
