import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';
import { User } from '../../users/entities/user.entity';

@HandWrittenIndexes('notes_list_idx', 'notes_customer_id_idx', 'notes_author_id_idx')
@Entity('notes')
export class Note {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') customerId!: string;
  @Column('bigint') authorId!: number;
  @Column('text') body!: string;
  @Column({ type: 'varchar', length: 32, default: 'text' }) contentType!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Customer, 'customer_id', 'CASCADE') customer?: Relation<Customer>;
  @BelongsTo(() => User, 'author_id', 'CASCADE') author?: Relation<User>;
}
