import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';

@HandWrittenIndexes('canned_responses_account_id_name_key', 'canned_responses_list_idx')
@Entity('canned_responses')
export class CannedResponse {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'text' }) content!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
