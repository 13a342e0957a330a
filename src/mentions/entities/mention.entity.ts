import { Column, Entity, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { Conversation } from '../../conversations/entities/conversation.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { Message } from '../../messages/entities/message.entity';
import { User } from '../../users/entities/user.entity';

/** A user mentioned in a message (`mentioned_user_ids`); `seen_at` once they read the conversation. */
@HandWrittenIndexes('mentions_user_id_conversation_id_idx', 'mentions_conversation_id_idx')
@Unique('mentions_message_id_user_id_key', ['messageId', 'userId'])
@Entity('mentions')
export class Mention {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') conversationId!: string;
  @Column('uuid') messageId!: string;
  @Column('bigint') userId!: number;
  @Column({ ...TIMESTAMP, nullable: true }) seenAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Conversation, 'conversation_id', 'CASCADE') conversation?: Relation<Conversation>;
  @BelongsTo(() => Message, 'message_id', 'CASCADE') message?: Relation<Message>;
  @BelongsTo(() => User, 'user_id', 'CASCADE') user?: Relation<User>;
}
