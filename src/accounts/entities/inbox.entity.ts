import { Account } from './account.entity';
import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';

@HandWrittenIndexes('inboxes_account_id_idx', 'inboxes_one_primary_per_account')
@Entity('inboxes')
export class Inbox {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) slug!: string | null;
  @Column({ type: 'boolean', default: false }) isPrimary!: boolean;
  @Column({ type: 'boolean', default: false }) isPrivate!: boolean;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
