import { User } from '../../users/entities/user.entity';
import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BelongsTo, CreatedAt, HandWrittenIndexes, TIMESTAMP } from '../../database/columns';

/** A login: both tokens are stored only as SHA-256 hashes. */
@HandWrittenIndexes('user_sessions_user_id_idx', 'user_sessions_renew_expires_at_idx')
@Entity('user_sessions')
export class UserSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('bigint') userId!: number;
  @Column({ type: 'char', length: 64, unique: true }) accessTokenHash!: string;
  @Column({ type: 'char', length: 64, unique: true }) renewTokenHash!: string;
  @Column(TIMESTAMP) accessExpiresAt!: Date;
  @Column(TIMESTAMP) renewExpiresAt!: Date;
  @CreatedAt() createdAt!: Date;

  @BelongsTo(() => User, 'user_id', 'CASCADE') user?: Relation<User>;
}
