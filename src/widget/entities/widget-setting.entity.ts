import { Column, Entity, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { Inbox } from '../../accounts/entities/inbox.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, TIMESTAMP, UpdatedAt } from '../../database/columns';

/** Papercups' widget_settings: what the chat widget shows, one row per account and inbox. */
@HandWrittenIndexes('widget_settings_account_inbox_key')
@Entity('widget_settings')
export class WidgetSetting {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column({ type: 'uuid', nullable: true }) inboxId!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) title!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) subtitle!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) color!: string | null;
  @Column({ type: 'text', nullable: true }) greeting!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) newMessagePlaceholder!: string | null;
  @Column({ type: 'boolean', nullable: true }) showAgentAvailability!: boolean | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) agentAvailableText!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) agentUnavailableText!: string | null;
  @Column({ type: 'boolean', nullable: true }) requireEmailUpfront!: boolean | null;
  @Column({ type: 'boolean', default: false }) isOpenByDefault!: boolean;
  @Column({ type: 'boolean', default: false }) isBrandingHidden!: boolean;
  @Column({ type: 'text', nullable: true }) customIconUrl!: string | null;
  @Column({ type: 'text', nullable: true }) iframeUrlOverride!: string | null;
  @Column({ type: 'varchar', length: 255, default: 'outlined' }) iconVariant!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) emailInputPlaceholder!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) newMessagesNotificationText!: string | null;
  @Column({ type: 'text', nullable: true }) baseUrl!: string | null;
  @Column({ type: 'text', nullable: true }) awayMessage!: string | null;
  /** Where the widget was last seen (PUT /api/widget_settings/metadata). */
  @Column({ type: 'varchar', length: 255, nullable: true }) host!: string | null;
  @Column({ type: 'text', nullable: true }) pathname!: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) lastSeenAt!: Date | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Inbox, 'inbox_id', 'CASCADE') inbox?: Relation<Inbox> | null;
}
