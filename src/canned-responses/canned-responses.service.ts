import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { invalidFields, isUniqueViolation, notFound } from '../common/errors';
import { applyDateRange, DateRangeQuery } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { toColumns } from '../common/validation/record-fields';
import { assertIfMatch } from '../conditional-requests/if-match';
import { toCannedResponseResponse } from './canned-response.mapper';
import {
  CANNED_RESPONSE_COLUMNS,
  CreateCannedResponseFields,
  UpdateCannedResponseFields,
} from './dto/canned-response.dto';
import { CannedResponseResponse } from './dto/canned-response.response';
import { CannedResponse } from './entities/canned-response.entity';

/** A second canned response of the same name in one account is a field error (Papercups' unique constraint). */
async function uniqueName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'canned_responses_account_id_name_key')) {
      throw invalidFields({ name: ['has already been taken'] });
    }
    throw error;
  }
}

/** Saved replies of an account. Single-row writes, no events (Papercups sends none for them). */
@Injectable()
export class CannedResponsesService {
  constructor(@InjectRepository(CannedResponse) private readonly responses: Repository<CannedResponse>) {}

  /** Newest first. */
  async list(accountId: string, query: DateRangeQuery): Promise<Page<CannedResponseResponse>> {
    const rows = this.responses.createQueryBuilder('r').where('r.accountId = :accountId', { accountId });
    applyDateRange(rows, 'r', query);
    const page = await paginate(
      rows,
      { column: 'r.createdAt', idColumn: 'r.id', read: (r) => [r.createdAt, r.id] },
      query,
    );
    return page.map(toCannedResponseResponse);
  }

  async get(accountId: string, id: string): Promise<CannedResponseResponse> {
    return toCannedResponseResponse(await this.findOrFail(accountId, id));
  }

  async create(accountId: string, fields: CreateCannedResponseFields): Promise<CannedResponseResponse> {
    const row = this.responses.create({ ...toColumns(fields, CANNED_RESPONSE_COLUMNS), accountId });
    return toCannedResponseResponse(await uniqueName(this.responses.save(row)));
  }

  update(accountId: string, id: string, fields: UpdateCannedResponseFields): Promise<CannedResponseResponse> {
    return this.responses.manager.transaction(async (manager) => {
      const row = await this.lockedOrFail(manager, accountId, id);
      const changes = toColumns(fields, CANNED_RESPONSE_COLUMNS);
      if (!Object.keys(changes).length) return toCannedResponseResponse(row);
      return toCannedResponseResponse(await uniqueName(manager.save(Object.assign(row, changes))));
    });
  }

  remove(accountId: string, id: string): Promise<void> {
    return this.responses.manager.transaction(async (manager) => {
      await this.lockedOrFail(manager, accountId, id);
      await manager.delete(CannedResponse, { id, accountId });
    });
  }

  /** The row to write, after the If-Match check (when the request has one). */
  private async lockedOrFail(manager: EntityManager, accountId: string, id: string): Promise<CannedResponse> {
    await assertIfMatch(manager, CannedResponse, { id, accountId }, async () =>
      toCannedResponseResponse(await this.findOrFail(accountId, id, manager)),
    );
    return this.findOrFail(accountId, id, manager);
  }

  private async findOrFail(accountId: string, id: string, manager = this.responses.manager): Promise<CannedResponse> {
    const row = await manager.findOneBy(CannedResponse, { id, accountId });
    if (!row) throw notFound();
    return row;
  }
}
