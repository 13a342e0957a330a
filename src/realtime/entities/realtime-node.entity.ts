import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/columns';

/** One row per running instance; `heartbeat_at` older than REALTIME_NODE_TIMEOUT_MS means it is dead. */
@Entity('realtime_nodes')
export class RealtimeNode {
  @PrimaryColumn('uuid') id!: string;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) startedAt!: Date;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) heartbeatAt!: Date;
}
