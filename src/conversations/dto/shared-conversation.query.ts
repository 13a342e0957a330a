import { Required, Text, Uuid } from '../../common/validation/fields';

/** `GET /api/conversations/shared?conversation_id=…&token=…` (the dashboard's public link). */
export class SharedConversationQuery {
  @Required() @Uuid() conversation_id!: string;
  @Required() @Text(2048) token!: string;
}
