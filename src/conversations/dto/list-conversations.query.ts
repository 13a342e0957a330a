import { DateRangeQuery } from '../../common/pagination/date-range';
import { AssigneeFilter } from '../../common/queries/assignee-filter';
import { MentioningFilter } from '../../mentions/mentioning-filter';
import { Bool, OneOf, Optional, Text, Uuid } from '../../common/validation/fields';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_SOURCES,
  CONVERSATION_STATUSES,
  ConversationPriority,
  ConversationSource,
  ConversationStatus,
} from '../conversation.enums';

export class ListConversationsQuery extends DateRangeQuery {
  @Optional() @OneOf(CONVERSATION_STATUSES) status?: ConversationStatus;
  @Optional() @OneOf(CONVERSATION_PRIORITIES) priority?: ConversationPriority;
  @Optional() @OneOf(CONVERSATION_SOURCES) source?: ConversationSource;
  @Optional() @Uuid() customer_id?: string;
  @Optional() @Uuid() inbox_id?: string;
  @Optional() @Bool() read?: boolean;
  /** Conversations carrying this tag. */
  @Optional() @Uuid() tag_id?: string;
  /** Conversations with at least one message whose body contains `q` (case-insensitive). */
  @Optional() @Text() q?: string;

  /** `""` = unassigned, `me` = the caller, or a user id. */
  @AssigneeFilter() assignee_id?: string;

  /** `true`: only archived conversations (hidden otherwise). */
  @Optional() @Bool() archived?: boolean;
  /** Conversations with a message mentioning this user (`me` = the caller). */
  @MentioningFilter() mentioning?: string;
  /** With `mentioning`: only mentions the user has (`true`) or has not (`false`) seen. */
  @Optional() @Bool() has_seen_mention?: boolean;
}
