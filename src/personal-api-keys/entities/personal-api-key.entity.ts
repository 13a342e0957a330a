import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, TIMESTAMP, UpdatedAt } from '../../database/columns';

@Entity('personal_api_keys')
export class PersonalApiKey {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 255 }) label!: string;
  /** SHA-256 of the key; the key itself is shown once, in the create response. */
  @Column({ type: 'char', length: 64, select: false }) keyHash!: string;
  @Column({ type: 'varchar', length: 16 }) keyPrefix!: string;
  @Column({ ...TIMESTAMP, nullable: true }) lastUsedAt!: Date | null;
  @Column('bigint') userId!: number;
  @Column('uuid') accountId!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
