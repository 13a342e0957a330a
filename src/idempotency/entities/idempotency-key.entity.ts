import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt } from '../../database/columns';

/** A POST's Idempotency-Key: its request hash, then (once it succeeded) the response to replay for 24 h. */
@Unique('idempotency_keys_account_id_key_key', ['accountId', 'key'])
@Index('idempotency_keys_created_at_idx', ['createdAt'])
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'varchar', length: 255 }) key!: string;
  @Column({ type: 'char', length: 64 }) requestHash!: string;
  /** null while the first request is still running. */
  @Column({ type: 'integer', nullable: true }) status!: number | null;
  /** The response body as sent (text, not jsonb: a replay is byte for byte the first response). */
  @Column({ type: 'text', nullable: true }) response!: string | null;
  @Column({ type: 'text', nullable: true }) location!: string | null;
  @CreatedAt() createdAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
