import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../users/entities/user.entity';

/**
 * Papercups' files: an upload by a visitor (`customer_id`) or an agent (`user_id`). `storage_key` is where
 * FileStorage keeps the bytes; null for files whose bytes live elsewhere (imported from Papercups' S3).
 */
@HandWrittenIndexes('files_account_id_idx')
@Entity('files')
export class FileUpload {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'uuid', nullable: true }) customerId!: string | null;
  @Column({ type: 'bigint', nullable: true }) userId!: number | null;
  @Column({ type: 'varchar', length: 255 }) filename!: string;
  @Column({ type: 'varchar', length: 255 }) uniqueFilename!: string;
  @Column('text') fileUrl!: string;
  @Column({ type: 'varchar', length: 255 }) contentType!: string;
  @Column({ type: 'bigint', nullable: true }) byteSize!: number | null;
  @Column({ type: 'text', nullable: true }) storageKey!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Customer, 'customer_id', 'SET NULL') customer?: Relation<Customer> | null;
  @BelongsTo(() => User, 'user_id', 'SET NULL') user?: Relation<User> | null;
}
