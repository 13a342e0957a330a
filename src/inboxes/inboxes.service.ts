import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Inbox } from '../accounts/entities/inbox.entity';
import { invalidFields, notFound } from '../common/errors';
import { assertIfMatch } from '../conditional-requests/if-match';
import { CreateInboxFields, InboxFields, UpdateInboxFields } from './dto/inbox.dto';
import { InboxResponse } from './dto/inbox.response';
import { toInboxResponse } from './inbox.mapper';

const KEEP_PRIMARY = { is_primary: ['an account keeps one primary inbox: make another inbox primary instead'] };

/**
 * An account's inboxes. Exactly one is primary (new conversations land there): making another primary moves
 * the flag in the same transaction; the primary cannot be unflagged or deleted directly.
 */
@Injectable()
export class InboxesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The primary first, then oldest first (an account has a handful). */
  async list(accountId: string): Promise<InboxResponse[]> {
    const inboxes = await this.db.manager.find(Inbox, {
      where: { accountId },
      order: { isPrimary: 'DESC', createdAt: 'ASC', id: 'ASC' },
    });
    return inboxes.map(toInboxResponse);
  }

  async get(accountId: string, id: string): Promise<InboxResponse> {
    return toInboxResponse(await this.findOrFail(this.db.manager, accountId, id));
  }

  /** Every account has one (registration and a migration create it); a 404 only if it was removed by hand. */
  async primary(accountId: string): Promise<InboxResponse> {
    const inbox = await this.db.manager.findOneBy(Inbox, { accountId, isPrimary: true });
    if (!inbox) throw notFound();
    return toInboxResponse(inbox);
  }

  create(accountId: string, fields: CreateInboxFields): Promise<InboxResponse> {
    return this.db.transaction(async (manager) => {
      if (fields.is_primary) await this.unsetPrimary(manager, accountId);
      const inbox = manager.create(Inbox, { accountId, name: fields.name, ...this.columns(fields) });
      return toInboxResponse(await manager.save(inbox));
    });
  }

  update(accountId: string, id: string, fields: UpdateInboxFields): Promise<InboxResponse> {
    return this.db.transaction(async (manager) => {
      const inbox = await this.findOrFail(manager, accountId, id, true);
      await assertIfMatch(manager, Inbox, { id, accountId }, async () => toInboxResponse(inbox));
      if (inbox.isPrimary && fields.is_primary === false) throw invalidFields(KEEP_PRIMARY);
      if (fields.is_primary && !inbox.isPrimary) await this.unsetPrimary(manager, accountId);
      const changes = { ...this.columns(fields), ...(fields.name !== undefined ? { name: fields.name } : {}) };
      if (!Object.keys(changes).length) return toInboxResponse(inbox);
      return toInboxResponse(await manager.save(Object.assign(inbox, changes)));
    });
  }

  /** Its conversations stay, without an inbox (inbox_id ON DELETE SET NULL), as in Papercups. */
  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const inbox = await this.findOrFail(manager, accountId, id, true);
      await assertIfMatch(manager, Inbox, { id, accountId }, async () => toInboxResponse(inbox));
      if (inbox.isPrimary) throw invalidFields(KEEP_PRIMARY);
      await manager.delete(Inbox, { id, accountId });
    });
  }

  private columns(fields: InboxFields): Partial<Inbox> {
    const columns: Partial<Inbox> = {};
    if (fields.description !== undefined) columns.description = fields.description;
    if (fields.is_primary !== undefined) columns.isPrimary = fields.is_primary;
    if (fields.is_private !== undefined) columns.isPrivate = fields.is_private;
    return columns;
  }

  /** Locks the account's primary row, so two concurrent "make primary" writes queue instead of colliding. */
  private async unsetPrimary(manager: EntityManager, accountId: string) {
    await manager.query(`SELECT id FROM inboxes WHERE account_id = $1 AND is_primary FOR UPDATE`, [accountId]);
    await manager.update(Inbox, { accountId, isPrimary: true }, { isPrimary: false });
  }

  private async findOrFail(manager: EntityManager, accountId: string, id: string, lock = false): Promise<Inbox> {
    const inbox = await manager.findOne(Inbox, {
      where: { id, accountId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!inbox) throw notFound();
    return inbox;
  }
}
