import { Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { Company } from '../../companies/entities/company.entity';
import { Tag } from '../../tags/entities/tag.entity';

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
  @Column(TIMESTAMP) lastSeenAt!: Date;
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

  @ManyToOne(() => Company, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'company_id' })
  company?: Relation<Company> | null;

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'customer_tags', joinColumn: { name: 'customer_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags?: Relation<Tag>[];
}
