import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination/page-query.dto';
import { Bool, MSG, OneOf, Optional, Uuid } from '../../common/validation/fields';
import { CONVERSATION_PRIORITIES, CONVERSATION_SOURCES, CONVERSATION_STATUSES } from '../entities/conversation.entity';

export class ListConversationsQuery extends PageQuery {
  @Optional() @OneOf(CONVERSATION_STATUSES) status?: string;
  @Optional() @OneOf(CONVERSATION_PRIORITIES) priority?: string;
  @Optional() @OneOf(CONVERSATION_SOURCES) source?: string;
  @Optional() @Uuid() customer_id?: string;
  @Optional() @Uuid() inbox_id?: string;
  @Optional() @Bool() read?: boolean;

  /** `""` = unassigned, `me` = the caller, or a user id. */
  @IsOptional() @Matches(/^(|me|\d{1,15})$/, { message: MSG.invalid }) assignee_id?: string;
}
