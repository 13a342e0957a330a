import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { User } from '../../users/entities/user.entity';

/** The id is the invite token (random, from gen_random_uuid), as in Papercups. */
@HandWrittenIndexes('user_invitations_account_id_idx', 'user_invitations_inviter_id_idx')
@Entity('user_invitations')
export class UserInvitation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'bigint', nullable: true }) inviterId!: number | null;
  /** Where it was mailed (POST /api/user_invitation_emails), else null. */
  @Column({ type: 'varchar', length: 255, nullable: true }) email!: string | null;
  @Column({ ...TIMESTAMP }) expiresAt!: Date;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => User, 'inviter_id', 'SET NULL') inviter?: Relation<User> | null;
}
