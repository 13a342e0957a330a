import {
  Column,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CheckIn, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { Conversation } from '../../conversations/entities/conversation.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { FileUpload } from '../../uploads/entities/file-upload.entity';
import { User } from '../../users/entities/user.entity';
import { MESSAGE_SOURCES, MESSAGE_TYPES, MessageSource, MessageType } from '../message.enums';

@HandWrittenIndexes(
  'messages_list_idx',
  'messages_conversation_id_idx',
  'messages_customer_id_idx',
  'messages_user_id_idx',
  'messages_body_trgm_idx',
)
@CheckIn('messages_type_check', 'type', MESSAGE_TYPES)
@CheckIn('messages_source_check', 'source', MESSAGE_SOURCES)
@Entity('messages')
export class Message {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') conversationId!: string;
  @Column({ type: 'uuid', nullable: true }) customerId!: string | null;
  @Column({ type: 'bigint', nullable: true }) userId!: number | null;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'reply' }) type!: MessageType;
  @Column({ type: 'varchar', length: 32, default: 'chat' }) source!: MessageSource;
  @Column({ type: 'varchar', length: 32, default: 'text' }) contentType!: string;
  @Column({ type: 'boolean', default: false }) private!: boolean;
  @Column({ type: 'varchar', length: 255, nullable: true }) subject!: string | null;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @Column({ ...TIMESTAMP, nullable: true }) sentAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) seenAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;

  @ManyToOne(() => Conversation, (conversation) => conversation.messages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Relation<Conversation>;

  @BelongsTo(() => Customer, 'customer_id', 'CASCADE') customer?: Relation<Customer> | null;
  @BelongsTo(() => User, 'user_id', 'SET NULL') user?: Relation<User> | null;

  /** Read through message_files (written by MessageFiles, which also sets its account and timestamps). */
  @ManyToMany(() => FileUpload)
  @JoinTable({
    name: 'message_files',
    joinColumn: { name: 'message_id' },
    inverseJoinColumn: { name: 'file_id' },
    synchronize: false,
  })
  attachments?: Relation<FileUpload[]>;
}
