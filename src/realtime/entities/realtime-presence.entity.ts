import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { BelongsTo, CreatedAt } from '../../database/columns';
import { RealtimeNode } from './realtime-node.entity';

/** One tracked presence (a channel's `Presence.track`), owned by the instance holding its socket. */
@Unique('realtime_presences_phx_ref_key', ['phxRef'])
@Index('realtime_presences_topic_idx', ['topic'])
@Index('realtime_presences_node_id_idx', ['nodeId'])
@Entity('realtime_presences')
export class RealtimePresence {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: number;
  @Column('uuid') nodeId!: string;
  @Column({ type: 'varchar', length: 255 }) topic!: string;
  @Column({ type: 'varchar', length: 255 }) key!: string;
  @Column({ type: 'varchar', length: 32 }) phxRef!: string;
  @Column('jsonb') meta!: Record<string, unknown>;
  @CreatedAt() createdAt!: Date;

  @BelongsTo(() => RealtimeNode, 'node_id', 'CASCADE') node?: Relation<RealtimeNode>;
}
