import { ApiSchema } from '@nestjs/swagger';
import { IntegerProperty, NaiveProperty, ObjectProperty, UtcProperty, UuidProperty } from '../../openapi/properties';
import { UserResponse } from '../../users/dto/user.response';

/** Papercups' mention.json, in a conversation's `mentions`. */
@ApiSchema({ name: 'Mention' })
export class MentionResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('mention') object!: 'mention';
  @UuidProperty() account_id!: string;
  @NaiveProperty() created_at!: string;
  @UtcProperty() seen_at!: string | null;
  @UuidProperty() conversation_id!: string;
  @UuidProperty() message_id!: string;
  @IntegerProperty() user_id!: number;
  user!: UserResponse | null;
}
