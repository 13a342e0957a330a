import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { EventType } from '../../events/event-types';

@HandWrittenIndexes('event_subscriptions_account_id_idx')
@Entity('event_subscriptions')
export class EventSubscription {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('text') webhookUrl!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) scope!: string | null;
  /** The event types delivered to this subscription (event-subscriptions.service.ts chooses them). */
  @Column({ type: 'text', array: true }) eventTypes!: EventType[];
  @Column({ type: 'boolean', default: false }) verified!: boolean;
  /** `whsec_<base64>`: kept in clear because signing needs it; shown only on create and rotate. */
  @Column({ type: 'varchar', length: 64, select: false }) secret!: string;
  @Column({ ...TIMESTAMP, nullable: true }) disabledAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) consecutiveFailures!: number;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
