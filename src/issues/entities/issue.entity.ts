import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CheckIn, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { User } from '../../users/entities/user.entity';
import { ISSUE_STATES, IssueState } from '../issue.enums';

@HandWrittenIndexes('issues_list_idx', 'issues_creator_id_idx', 'issues_assignee_id_idx')
@CheckIn('issues_state_check', 'state', ISSUE_STATES)
@Entity('issues')
export class Issue {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'varchar', length: 255 }) title!: string;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'unstarted' }) state!: IssueState;
  @Column({ type: 'text', nullable: true }) githubIssueUrl!: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) finishedAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) closedAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @Column({ type: 'bigint', nullable: true }) creatorId!: number | null;
  @Column({ type: 'bigint', nullable: true }) assigneeId!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => User, 'creator_id', 'SET NULL') creator?: Relation<User> | null;
  @BelongsTo(() => User, 'assignee_id', 'SET NULL') assignee?: Relation<User> | null;
}
