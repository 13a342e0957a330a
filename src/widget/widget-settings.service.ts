import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Inbox } from '../accounts/entities/inbox.entity';
import { invalidFields } from '../common/errors';
import { toColumns } from '../common/validation/record-fields';
import { WIDGET_SETTINGS_COLUMNS, WidgetSettingsFields } from './dto/widget-settings.dto';
import { WidgetSettingsExpandedResponse, WidgetSettingsResponse } from './dto/widget-settings.response';
import { WidgetSetting } from './entities/widget-setting.entity';
import { asUuid, isUnset } from './visitor-access';
import { toWidgetAccountResponse, toWidgetSettingsResponse } from './widget-settings.mapper';

/**
 * The widget's settings per account and inbox. As in Papercups, reading them creates the row on first use
 * (for the account's primary inbox when none is named), so every account has settings to show.
 */
@Injectable()
export class WidgetSettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The account must exist (VisitorAccess.account checks it for public callers). */
  async show(accountId: string, inboxId: unknown): Promise<WidgetSettingsExpandedResponse> {
    const settings = await this.findOrCreate(this.db.manager, accountId, inboxId);
    const [{ account }] = await this.db.query<{ account: Record<string, unknown> }[]>(
      `SELECT to_jsonb(a) AS account FROM accounts a WHERE a.id = $1`,
      [accountId],
    );
    return { ...toWidgetSettingsResponse(settings), account: toWidgetAccountResponse(account) };
  }

  update(accountId: string, fields: WidgetSettingsFields): Promise<WidgetSettingsResponse> {
    return this.db.transaction(async (manager) => {
      const settings = await this.findOrCreate(manager, accountId, fields.inbox_id);
      Object.assign(settings, toColumns(fields, WIDGET_SETTINGS_COLUMNS));
      return toWidgetSettingsResponse(await manager.save(settings));
    });
  }

  /** `host`, `pathname`, `last_seen_at` only (Papercups' update_widget_metadata). */
  async updateMetadata(
    accountId: string,
    inboxId: unknown,
    metadata: Record<string, unknown>,
  ): Promise<WidgetSettingsResponse> {
    const settings = await this.findOrCreate(this.db.manager, accountId, inboxId);
    // Anything else in `metadata` is ignored, as in Papercups; malformed values are dropped, never stored.
    const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined);
    const seen = typeof metadata.last_seen_at === 'string' ? new Date(metadata.last_seen_at) : undefined;
    const changes = {
      ...(text(metadata.host, 255) !== undefined ? { host: text(metadata.host, 255) } : {}),
      ...(text(metadata.pathname, 2048) !== undefined ? { pathname: text(metadata.pathname, 2048) } : {}),
      ...(seen && !Number.isNaN(seen.getTime()) ? { lastSeenAt: seen } : {}),
    };
    if (Object.keys(changes).length) {
      await this.db.manager.update(WidgetSetting, { id: settings.id }, changes);
      Object.assign(settings, changes, { updatedAt: new Date() });
    }
    return toWidgetSettingsResponse(settings);
  }

  private async findOrCreate(manager: EntityManager, accountId: string, inbox: unknown): Promise<WidgetSetting> {
    const inboxId = await this.inboxOf(manager, accountId, inbox);
    const where = { accountId, inboxId: inboxId ?? IsNull() };
    const found = await manager.findOneBy(WidgetSetting, where);
    if (found) return found;
    // Two first reads at once: the unique index keeps one row, and both read it back.
    await manager.query(`INSERT INTO widget_settings (account_id, inbox_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      accountId,
      inboxId,
    ]);
    return manager.findOneByOrFail(WidgetSetting, where);
  }

  /** A named inbox must be the account's; none named is the primary inbox (null when the account has none). */
  private async inboxOf(manager: EntityManager, accountId: string, inbox: unknown): Promise<string | null> {
    if (isUnset(inbox)) {
      return (await manager.findOneBy(Inbox, { accountId, isPrimary: true }))?.id ?? null;
    }
    const id = asUuid(inbox);
    if (!id || !(await manager.existsBy(Inbox, { id, accountId })))
      throw invalidFields({ inbox_id: ['does not exist'] });
    return id;
  }
}
