import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns';

/** Keys the instances share through the database (made on first use), e.g. the shared-link signing key. */
@Entity('server_secrets')
export class ServerSecret {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name!: string;
  @Column('text') value!: string;
  @CreatedAt() createdAt!: Date;
}
