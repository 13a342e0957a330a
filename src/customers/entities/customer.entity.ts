import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { Company } from '../../companies/entities/company.entity';
import { CustomerTag } from '../../tags/entities/tag-links.entity';

@HandWrittenIndexes(
  'customers_list_idx',
  'customers_external_id_idx',
  'customers_company_id_idx',
  ...['name', 'email', 'host', 'phone', 'external_id'].map((column) => `customers_${column}_trgm_idx`),
  'customers_created_at_idx',
  'customers_updated_at_idx',
  'customers_name_sort_idx',
)
@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'uuid', nullable: true }) companyId!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) name!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) externalId!: string | null;
  @Column({ type: 'text', nullable: true }) profilePhotoUrl!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) browser!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) browserVersion!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) browserLanguage!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) os!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ type: 'date' }) firstSeen!: string;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) lastSeenAt!: Date;
  @Column({ type: 'text', nullable: true }) currentUrl!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) host!: string | null;
  @Column({ type: 'text', nullable: true }) pathname!: string | null;
  @Column({ type: 'integer', nullable: true }) screenHeight!: number | null;
  @Column({ type: 'integer', nullable: true }) screenWidth!: number | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) lib!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) timeZone!: string | null;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Company, 'company_id', 'SET NULL') company?: Relation<Company> | null;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;

  @OneToMany(() => CustomerTag, (link) => link.customer) tagLinks?: Relation<CustomerTag>[];
}
