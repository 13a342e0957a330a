import { Account } from '../../accounts/entities/account.entity';
import { Column, Entity, OneToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BelongsTo, CheckIn, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { USER_ROLES, UserRole } from '../user.enums';
import { UserProfile } from './user-profile.entity';

@HandWrittenIndexes('users_email_key', 'users_account_id_idx')
@CheckIn('users_role_check', 'role', USER_ROLES)
@Entity('users')
export class User {
  // Papercups user ids are integers on the wire.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' }) id!: number;
  @Column({ type: 'varchar', length: 255 }) email!: string;
  @Column({ type: 'varchar', length: 255, select: false }) passwordHash!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'varchar', length: 20, default: 'user' }) role!: UserRole;
  @Column({ ...TIMESTAMP, nullable: true }) disabledAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) archivedAt!: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) emailConfirmedAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @OneToOne(() => UserProfile, (profile) => profile.user) profile?: Relation<UserProfile> | null;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
