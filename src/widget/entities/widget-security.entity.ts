import { Column, Entity, PrimaryColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, UpdatedAt } from '../../database/columns';

/** The account's widget security settings (none of them exist in Papercups); no row means all off. */
@Entity('widget_security')
export class WidgetSecurity {
  @PrimaryColumn('uuid') accountId!: string;
  /** Origins (`https://shop.example.com`) the public widget routes and socket accept; empty: any. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) allowedOrigins!: string[];
  /** When on, a visitor claiming an `external_id` must send `user_hash` = HMAC-SHA256(secret, external_id). */
  @Column({ type: 'boolean', default: false }) identityVerification!: boolean;
  @Column({ type: 'varchar', length: 128, nullable: true }) identitySecret!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
