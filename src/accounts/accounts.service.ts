import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { CredentialsService } from '../auth/credentials.service';
import { notFound } from '../common/errors';
import { User } from '../users/entities/user.entity';
import { toAccountResponse } from './account.mapper';
import { UpdateAccountFields } from './dto/account.dto';
import { AccountResponse } from './dto/account.response';
import { Account } from './entities/account.entity';

/** The caller's account: `me` or its own id; any other id is a 404 (Papercups ignores the id). */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: CredentialsService,
  ) {}

  async get(accountId: string): Promise<AccountResponse> {
    const account = await this.db.manager.findOneBy(Account, { id: accountId });
    if (!account) throw notFound();
    // Papercups lists the account's users without the archived ones.
    const users = await this.db.manager.find(User, {
      where: { accountId, archivedAt: IsNull() },
      relations: { profile: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return toAccountResponse(account, users);
  }

  async update(accountId: string, id: string, fields: UpdateAccountFields): Promise<AccountResponse> {
    this.assertOwn(accountId, id);
    const changes: Partial<Account> = {};
    if (fields.company_name !== undefined) changes.companyName = fields.company_name;
    if (fields.company_logo_url !== undefined) changes.companyLogoUrl = fields.company_logo_url;
    if (fields.time_zone !== undefined) changes.timeZone = fields.time_zone;
    if (fields.working_hours !== undefined) {
      changes.workingHours = (fields.working_hours ?? []).map(({ day, start_minute, end_minute }) => ({
        day,
        start_minute,
        end_minute,
      }));
    }
    if (fields.settings !== undefined) changes.settings = fields.settings && { ...fields.settings };
    if (Object.keys(changes).length) await this.db.manager.update(Account, { id: accountId }, changes);
    return this.get(accountId);
  }

  /** Everything of the account goes with it (ON DELETE CASCADE); its keys stop working here at once. */
  async remove(accountId: string, id: string): Promise<void> {
    this.assertOwn(accountId, id);
    await this.db.manager.delete(Account, { id: accountId });
    this.credentials.forgetAccount(accountId);
  }

  private assertOwn(accountId: string, id: string) {
    if (id !== 'me' && id !== accountId) throw notFound();
  }
}
