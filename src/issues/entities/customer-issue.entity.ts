import { Column, Entity, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';
import { Issue } from './issue.entity';

/** A customer an issue affects (Papercups' customer_issues). */
@HandWrittenIndexes('customer_issues_issue_id_idx', 'customer_issues_account_id_idx')
@Entity('customer_issues')
@Unique(['customerId', 'issueId'])
export class CustomerIssue {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') customerId!: string;
  @Column('uuid') issueId!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Customer, 'customer_id', 'CASCADE') customer?: Relation<Customer>;
  @BelongsTo(() => Issue, 'issue_id', 'CASCADE') issue?: Relation<Issue>;
}
