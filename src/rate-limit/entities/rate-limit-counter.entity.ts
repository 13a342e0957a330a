import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/columns';

/** One row per (key or IP, minute); an UNLOGGED table written by RateLimitService with one upsert. */
@Entity('rate_limit_counters')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 200 }) bucket!: string;
  @PrimaryColumn({ ...TIMESTAMP, name: 'window_start' } as never) windowStart!: Date;
  @Column('integer') count!: number;
}
