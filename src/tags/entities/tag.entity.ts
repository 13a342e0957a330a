import { Account } from '../../accounts/entities/account.entity';
import { User } from '../../users/entities/user.entity';
import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';

@HandWrittenIndexes('tags_account_id_name_key', 'tags_creator_id_idx', 'tags_list_idx')
@Entity('tags')
export class Tag {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) color!: string | null;
  @Column({ type: 'bigint', nullable: true }) creatorId!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => User, 'creator_id', 'SET NULL') creator?: Relation<User> | null;
}
