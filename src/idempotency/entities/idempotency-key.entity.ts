import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, TIMESTAMP } from '../../database/columns';

/**
 * A POST's Idempotency-Key, per credential: its request hash, then (once it succeeded) the response to
 * replay for 24 h, or only the fact that it carried a secret.
 */
@Unique('idempotency_keys_account_id_scope_key_key', ['accountId', 'scope', 'key'])
@Index('idempotency_keys_created_at_idx', ['createdAt'])
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  /** `key:<hash>` (the API key that sent it) or `user:<id>` (a session's user). */
  @Column({ type: 'varchar', length: 80 }) scope!: string;
  @Column({ type: 'varchar', length: 255 }) key!: string;
  @Column({ type: 'char', length: 64 }) requestHash!: string;
  /** null while the first request is still running. */
  @Column({ type: 'integer', nullable: true }) status!: number | null;
  /** The response body as sent (text, not jsonb: a replay is byte for byte the first response). */
  @Column({ type: 'text', nullable: true }) response!: string | null;
  @Column({ type: 'text', nullable: true }) location!: string | null;
  /** The response carried a secret: it was not stored, and a replay says so instead. */
  @Column({ type: 'boolean', default: false }) secret!: boolean;
  /** While the first request runs: until when it holds the key (renewed while alive; lapsed = abandoned). */
  @Column({ ...TIMESTAMP, nullable: true } as never) leaseExpiresAt!: Date | null;
  @CreatedAt() createdAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
