import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { Inbox } from '../../accounts/entities/inbox.entity';
import { BelongsTo, CheckIn, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { Customer } from '../../customers/entities/customer.entity';
import { Message } from '../../messages/entities/message.entity';
import { ConversationTag } from '../../tags/entities/tag-links.entity';
import { User } from '../../users/entities/user.entity';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_SOURCES,
  CONVERSATION_STATUSES,
  ConversationPriority,
  ConversationSource,
  ConversationStatus,
} from '../conversation.enums';

@HandWrittenIndexes(
  'conversations_list_idx',
  'conversations_customer_id_idx',
  'conversations_created_at_idx',
  ...['status', 'priority', 'assignee_id', 'read', 'source', 'inbox_id'].map((column) => `conversations_${column}_idx`),
)
@CheckIn('conversations_status_check', 'status', CONVERSATION_STATUSES)
@CheckIn('conversations_priority_check', 'priority', CONVERSATION_PRIORITIES)
@CheckIn('conversations_source_check', 'source', CONVERSATION_SOURCES)
@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') customerId!: string;
  @Column({ type: 'bigint', nullable: true }) assigneeId!: number | null;
  @Column({ type: 'uuid', nullable: true }) inboxId!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: ConversationStatus;
  @Column({ type: 'varchar', length: 32, default: 'not_priority' }) priority!: ConversationPriority;
  @Column({ type: 'boolean', default: false }) read!: boolean;
  @Column({ type: 'varchar', length: 32, default: 'chat' }) source!: ConversationSource;
  @Column({ type: 'varchar', length: 255, nullable: true }) subject!: string | null;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @Column({ ...TIMESTAMP, nullable: true }) closedAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) archivedAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) firstRepliedAt!: Date | null;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) lastActivityAt!: Date;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Customer, 'customer_id', 'CASCADE') customer?: Relation<Customer>;
  @BelongsTo(() => User, 'assignee_id', 'SET NULL') assignee?: Relation<User> | null;
  @BelongsTo(() => Inbox, 'inbox_id', 'SET NULL') inbox?: Relation<Inbox> | null;

  @OneToMany(() => Message, (message) => message.conversation)
  messages?: Relation<Message>[];

  @OneToMany(() => ConversationTag, (link) => link.conversation) tagLinks?: Relation<ConversationTag>[];
}
