import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, TIMESTAMP } from '../../database/columns';

/** A login: both tokens are stored only as SHA-256 hashes. */
@Entity('user_sessions')
export class UserSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('bigint') userId!: number;
  @Column({ type: 'char', length: 64 }) accessTokenHash!: string;
  @Column({ type: 'char', length: 64 }) renewTokenHash!: string;
  @Column(TIMESTAMP) accessExpiresAt!: Date;
  @Column(TIMESTAMP) renewExpiresAt!: Date;
  @CreatedAt() createdAt!: Date;
}
