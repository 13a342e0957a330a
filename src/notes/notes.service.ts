import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import { applyDateRange } from '../common/pagination/date-range';
import { paginate } from '../common/pagination/paginate';
import { assertInAccount } from '../common/references';
import { toEntityFields } from '../common/serialization/fields';
import { Customer } from '../customers/entities/customer.entity';
import { EventsService } from '../events/events.service';
import { CreateNoteParams, ListNotesQuery, UpdateNoteParams } from './dto/note.dto';
import { Note } from './entities/note.entity';
import { toNoteResponse } from './note.mapper';

const WITH_ASSOCIATIONS = { author: { profile: true }, customer: true } as const;

/** Note writes; each commits together with its event (note:created|updated|deleted, the note view). */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Note) private readonly notes: Repository<Note>,
    private readonly events: EventsService,
  ) {}

  /** Newest first, with author and customer joined: two queries per page. */
  async list(accountId: string, query: ListNotesQuery) {
    const rows = this.notes
      .createQueryBuilder('n')
      .leftJoinAndSelect('n.author', 'author')
      .leftJoinAndSelect('author.profile', 'profile')
      .leftJoinAndSelect('n.customer', 'customer')
      .where('n.accountId = :accountId', { accountId });
    if (query.customer_id) rows.andWhere('n.customerId = :customerId', { customerId: query.customer_id });
    if (query.author_id) rows.andWhere('n.authorId = :authorId', { authorId: query.author_id });
    applyDateRange(rows, 'n', query);
    const page = await paginate(
      rows,
      { column: 'n.createdAt', idColumn: 'n.id', read: (n) => [n.createdAt, n.id] },
      query,
    );
    return page.map(toNoteResponse);
  }

  async findOrFail(accountId: string, id: string, manager: EntityManager = this.db.manager): Promise<Note> {
    // find(), not findOne(): with joined relations findOne adds a DISTINCT pre-query for its LIMIT 1.
    const [note] = await manager.find(Note, { where: { id, accountId }, relations: WITH_ASSOCIATIONS });
    if (!note) throw notFound();
    return note;
  }

  /** The author is the caller; the customer must be one of the caller's account. */
  create(user: AuthUser, params: CreateNoteParams): Promise<Note> {
    return this.db.transaction(async (manager) => {
      await assertInAccount(manager, Customer, user.accountId, params.customer_id, 'customer_id');
      const fields = { ...toEntityFields<Note>(params), accountId: user.accountId, authorId: user.userId };
      const { identifiers } = await manager.insert(Note, fields as QueryDeepPartialEntity<Note>);
      const note = await this.findOrFail(user.accountId, identifiers[0].id as string, manager);
      await this.events.record(manager, user.accountId, 'note:created', toNoteResponse(note));
      return note;
    });
  }

  update(accountId: string, id: string, params: UpdateNoteParams): Promise<Note> {
    return this.db.transaction(async (manager) => {
      const note = await this.findOrFail(accountId, id, manager);
      if (params.customer_id) await assertInAccount(manager, Customer, accountId, params.customer_id, 'customer_id');
      const changes = toEntityFields<Note>(params);
      if (!Object.keys(changes).length) return note;
      // update(), not save(): the loaded `customer` relation would win over a new `customer_id`.
      await manager.update(Note, { id, accountId }, changes as QueryDeepPartialEntity<Note>);
      const updated = await this.findOrFail(accountId, id, manager);
      await this.events.record(manager, accountId, 'note:updated', toNoteResponse(updated));
      return updated;
    });
  }

  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const note = await this.findOrFail(accountId, id, manager);
      await manager.delete(Note, { id, accountId });
      await this.events.record(manager, accountId, 'note:deleted', toNoteResponse(note));
    });
  }
}
