import {
  Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation,
} from 'typeorm';
import { CreatedAt, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { Customer } from '../../customers/entities/customer.entity';
import { Message } from '../../messages/entities/message.entity';
import { Tag } from '../../tags/entities/tag.entity';

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export const CONVERSATION_PRIORITIES = ['priority', 'not_priority'] as const;
export const CONVERSATION_SOURCES = ['chat', 'slack', 'email', 'sms', 'api', 'sandbox'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') customerId!: string;
  @Column({ type: 'bigint', nullable: true }) assigneeId!: number | null;
  @Column({ type: 'uuid', nullable: true }) inboxId!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: ConversationStatus;
  @Column({ type: 'varchar', length: 32, default: 'not_priority' }) priority!: string;
  @Column({ type: 'boolean', default: false }) read!: boolean;
  @Column({ type: 'varchar', length: 32, default: 'chat' }) source!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) subject!: string | null;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @Column({ ...TIMESTAMP, nullable: true }) closedAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) archivedAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) firstRepliedAt!: Date | null;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) lastActivityAt!: Date;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<Customer>;

  @OneToMany(() => Message, (message) => message.conversation)
  messages?: Relation<Message>[];

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'conversation_tags', joinColumn: { name: 'conversation_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags?: Relation<Tag>[];
}
