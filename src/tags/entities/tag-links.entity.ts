import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { Conversation } from '../../conversations/entities/conversation.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';
import { User } from '../../users/entities/user.entity';
import { Tag } from './tag.entity';

/** Columns shared by the two link tables (who tagged what, in which account). */
abstract class TagLink {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') tagId!: string;
  @Column({ type: 'bigint', nullable: true }) creatorId!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Tag, 'tag_id', 'CASCADE') tag?: Relation<Tag>;
  @BelongsTo(() => User, 'creator_id', 'SET NULL') creator?: Relation<User> | null;
}

@HandWrittenIndexes(
  'conversation_tags_tag_id_idx',
  'conversation_tags_account_id_idx',
  'conversation_tags_creator_id_idx',
)
@Entity('conversation_tags')
@Unique(['conversationId', 'tagId'])
export class ConversationTag extends TagLink {
  @Column('uuid') conversationId!: string;

  @ManyToOne(() => Conversation, (conversation) => conversation.tagLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Relation<Conversation>;
}

@HandWrittenIndexes('customer_tags_tag_id_idx', 'customer_tags_account_id_idx', 'customer_tags_creator_id_idx')
@Entity('customer_tags')
@Unique(['customerId', 'tagId'])
export class CustomerTag extends TagLink {
  @Column('uuid') customerId!: string;

  @ManyToOne(() => Customer, (customer) => customer.tagLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Relation<Customer>;
}
