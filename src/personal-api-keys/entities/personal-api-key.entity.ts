import { Account } from '../../accounts/entities/account.entity';
import { User } from '../../users/entities/user.entity';
import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BelongsTo, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';

@HandWrittenIndexes('personal_api_keys_owner_idx', 'personal_api_keys_user_id_idx')
@Entity('personal_api_keys')
export class PersonalApiKey {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 255 }) label!: string;
  /** SHA-256 of the key; the key itself is shown once, in the create response. */
  @Column({ type: 'char', length: 64, select: false, unique: true }) keyHash!: string;
  @Column({ type: 'varchar', length: 16 }) keyPrefix!: string;
  @Column({ ...TIMESTAMP, nullable: true }) lastUsedAt!: Date | null;
  @Column('bigint') userId!: number;
  @Column('uuid') accountId!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => User, 'user_id', 'CASCADE') user?: Relation<User>;
  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
