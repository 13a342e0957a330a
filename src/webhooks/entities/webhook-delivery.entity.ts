import { Column, Entity, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CheckIn, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';
import { Event } from '../../events/entities/event.entity';
import { DELIVERY_STATUSES, DeliveryStatus } from '../webhook-delivery.enums';
import { EventSubscription } from './event-subscription.entity';

/** One event for one subscription: queued in the event's transaction, claimed by the worker. */
@HandWrittenIndexes(
  'webhook_deliveries_due_idx',
  'webhook_deliveries_list_idx',
  'webhook_deliveries_event_id_idx',
  'webhook_deliveries_account_id_idx',
)
@CheckIn('webhook_deliveries_status_check', 'status', DELIVERY_STATUSES)
@Entity('webhook_deliveries')
@Unique(['subscriptionId', 'eventId'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') subscriptionId!: string;
  @Column('uuid') eventId!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: DeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ ...TIMESTAMP, nullable: true }) lastAttemptAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => EventSubscription, 'subscription_id', 'CASCADE') subscription?: Relation<EventSubscription>;
  @BelongsTo(() => Event, 'event_id', 'CASCADE') event?: Relation<Event>;
}

/** The log of every POST made for a delivery. */
@HandWrittenIndexes('webhook_delivery_attempts_delivery_id_idx')
@Entity('webhook_delivery_attempts')
export class WebhookDeliveryAttempt {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') deliveryId!: string;
  @Column({ type: 'integer', nullable: true }) statusCode!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column('integer') durationMs!: number;
  @CreatedAt() createdAt!: Date;

  @BelongsTo(() => WebhookDelivery, 'delivery_id', 'CASCADE') delivery?: Relation<WebhookDelivery>;
}
