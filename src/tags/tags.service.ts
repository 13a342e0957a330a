import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { invalidFields, isUniqueViolation, notFound } from '../common/errors';
import { paginate } from '../common/pagination/paginate';
import { applyDateRange, DateRangeQuery } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { toColumns } from '../common/validation/record-fields';
import { assertIfMatch } from '../conditional-requests/if-match';
import { EventsService } from '../events/events.service';
import { CreateTagFields, TAG_COLUMNS, UpdateTagFields } from './dto/tag.dto';
import { TagResponse } from './dto/tag.response';
import { Tag } from './entities/tag.entity';
import { toTagResponse } from './tag.mapper';

/** A second tag of the same name in one account is a field error, whoever wins the race. */
async function uniqueName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'tags_account_id_name_key')) throw invalidFields({ name: ['has already been taken'] });
    throw error;
  }
}

/** Tag writes; each commits together with its event (tag:created|updated|deleted, the tag view). */
@Injectable()
export class TagsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
    private readonly events: EventsService,
  ) {}

  /** Newest first. */
  async list(accountId: string, query: DateRangeQuery): Promise<Page<TagResponse>> {
    const rows = this.tags.createQueryBuilder('t').where('t.accountId = :accountId', { accountId });
    applyDateRange(rows, 't', query);
    const page = await paginate(
      rows,
      { column: 't.createdAt', idColumn: 't.id', read: (t) => [t.createdAt, t.id] },
      query,
    );
    return page.map(toTagResponse);
  }

  async get(accountId: string, id: string): Promise<TagResponse> {
    return toTagResponse(await this.findOrFail(accountId, id));
  }

  create(user: AuthUser, fields: CreateTagFields): Promise<TagResponse> {
    const columns = { ...toColumns(fields, TAG_COLUMNS), accountId: user.accountId, creatorId: user.userId };
    return uniqueName(
      this.db.transaction(async (manager) => {
        const tag = toTagResponse(await manager.save(manager.create(Tag, columns)));
        await this.events.record(manager, user.accountId, 'tag:created', tag);
        return tag;
      }),
    );
  }

  update(accountId: string, id: string, fields: UpdateTagFields): Promise<TagResponse> {
    return uniqueName(
      this.db.transaction(async (manager) => {
        await this.assertIfMatch(manager, accountId, id);
        const tag = await this.findOrFail(accountId, id, manager);
        const changes = toColumns(fields, TAG_COLUMNS);
        if (!Object.keys(changes).length) return toTagResponse(tag);
        const updated = toTagResponse(await manager.save(Object.assign(tag, changes)));
        await this.events.record(manager, accountId, 'tag:updated', updated);
        return updated;
      }),
    );
  }

  /** Its links to conversations and customers go with it (ON DELETE CASCADE). */
  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      await this.assertIfMatch(manager, accountId, id);
      const tag = await this.findOrFail(accountId, id, manager);
      await manager.delete(Tag, { id, accountId });
      await this.events.record(manager, accountId, 'tag:deleted', toTagResponse(tag));
    });
  }

  private assertIfMatch(manager: EntityManager, accountId: string, id: string): Promise<void> {
    return assertIfMatch(manager, Tag, { id, accountId }, async () =>
      toTagResponse(await this.findOrFail(accountId, id, manager)),
    );
  }

  private async findOrFail(accountId: string, id: string, manager = this.tags.manager): Promise<Tag> {
    const tag = await manager.findOneBy(Tag, { id, accountId });
    if (!tag) throw notFound();
    return tag;
  }
}
