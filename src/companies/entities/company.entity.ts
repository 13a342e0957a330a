import { Account } from '../../accounts/entities/account.entity';
import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';

@HandWrittenIndexes('companies_account_id_idx')
@Entity('companies')
export class Company {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) externalId!: string | null;
  @Column({ type: 'text', nullable: true }) websiteUrl!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'text', nullable: true }) logoImageUrl!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) industry!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) slackChannelId!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) slackChannelName!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) slackTeamId!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) slackTeamName!: string | null;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
