import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BelongsTo, CheckIn, CreatedAt, HandWrittenIndexes, TIMESTAMP } from '../../database/columns';
import { User } from '../../users/entities/user.entity';
import { USER_TOKEN_PURPOSES, UserTokenPurpose } from '../user-token.enums';

/** A password-reset or email-confirmation link: only its SHA-256 hash is stored; it works once, until it expires. */
@HandWrittenIndexes('user_tokens_user_id_idx')
@CheckIn('user_tokens_purpose_check', 'purpose', USER_TOKEN_PURPOSES)
@Entity('user_tokens')
export class UserToken {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('bigint') userId!: number;
  @Column({ type: 'varchar', length: 32 }) purpose!: UserTokenPurpose;
  @Column({ type: 'char', length: 64, unique: true }) tokenHash!: string;
  @Column(TIMESTAMP) expiresAt!: Date;
  @Column({ ...TIMESTAMP, nullable: true }) usedAt!: Date | null;
  @CreatedAt() createdAt!: Date;

  @BelongsTo(() => User, 'user_id', 'CASCADE') user?: Relation<User>;
}
