import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns';

/** A broadcast too large for NOTIFY's 8000 bytes: the notification carries this row's id; kept a minute. */
@Index('realtime_payloads_created_at_idx', ['createdAt'])
@Entity('realtime_payloads')
export class RealtimePayload {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: number;
  @Column('text') body!: string;
  @CreatedAt() createdAt!: Date;
}
