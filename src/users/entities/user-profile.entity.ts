import { Column, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns';
import { User } from './user.entity';

@Entity('user_profiles')
export class UserProfile {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('bigint') userId!: number;
  @Column({ type: 'varchar', length: 255, nullable: true }) fullName!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) displayName!: string | null;
  @Column({ type: 'text', nullable: true }) profilePhotoUrl!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) slackUserId!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @OneToOne(() => User, (user) => user.profile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
