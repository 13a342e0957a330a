import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns';
import type { WorkingDay } from '../account.enums';

/** Papercups' embedded working hours: `day` (a day or a range of days), minutes since midnight. */
export interface WorkingHours {
  day: WorkingDay;
  start_minute: number;
  end_minute: number;
}

/** Papercups' embedded account settings (all optional). */
export interface AccountSettings {
  disable_automated_reply_emails?: boolean | null;
  conversation_reminders_enabled?: boolean | null;
  conversation_reminder_hours_interval?: number | null;
  max_num_conversation_reminders?: number | null;
}

@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 255 }) companyName!: string;
  @Column({ type: 'text', nullable: true }) companyLogoUrl!: string | null;
  @Column({ type: 'varchar', length: 50, default: 'team' }) subscriptionPlan!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) timeZone!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) workingHours!: WorkingHours[];
  @Column({ type: 'jsonb', nullable: true }) settings!: AccountSettings | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
