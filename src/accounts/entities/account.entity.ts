import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns';

@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 255 }) companyName!: string;
  @Column({ type: 'varchar', length: 50, default: 'team' }) subscriptionPlan!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) timeZone!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
