import { Column, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns';
import { User } from './user.entity';

@Entity('user_settings')
export class UserSettings {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('bigint') userId!: number;
  @Column({ type: 'boolean', default: false }) emailAlertOnNewMessage!: boolean;
  @Column({ type: 'boolean', default: false }) emailAlertOnNewConversation!: boolean;
  @Column({ type: 'varchar', length: 255, nullable: true }) expoPushToken!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
