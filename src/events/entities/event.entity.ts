import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes } from '../../database/columns';
import type { EventPayload } from '../dto/event.response';
import { EventType } from '../event-types';

/** One row per change, written in the transaction of the change (the outbox). */
@HandWrittenIndexes('events_created_at_idx')
@Entity('events')
@Unique(['accountId', 'seq'])
export class Event {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  /** The account's cursor: 1, 2, 3… in commit order. */
  @Column('bigint') seq!: number;
  @Column({ type: 'varchar', length: 64 }) type!: EventType;
  /** `json`, not `jsonb`: the payload keeps the key order of the API view it was rendered from. */
  @Column('json') payload!: EventPayload;
  @CreatedAt() createdAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}

/** The last cursor handed out per account; locked by every event insert until its transaction ends. */
@Entity('event_cursors')
export class EventCursor {
  @PrimaryColumn('uuid') accountId!: string;
  @Column({ type: 'bigint', default: 0 }) seq!: number;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
}
