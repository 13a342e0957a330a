import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { findJoined } from '../common/queries/find-joined';
import { updateColumns } from '../common/queries/update-columns';
import { assertInAccount } from '../common/references';
import { toColumns } from '../common/validation/record-fields';
import { Customer } from '../customers/entities/customer.entity';
import { assertIfMatch } from '../conditional-requests/if-match';
import { EventsService } from '../events/events.service';
import { ListNotesQuery } from './dto/list-notes.query';
import { CreateNoteFields, NOTE_COLUMNS, UpdateNoteFields } from './dto/note.dto';
import { NoteResponse } from './dto/note.response';
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
  async list(accountId: string, query: ListNotesQuery): Promise<Page<NoteResponse>> {
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

  async get(accountId: string, id: string): Promise<NoteResponse> {
    return toNoteResponse(await this.findOrFail(accountId, id));
  }

  /** The author is the caller; the customer must be one of the caller's account. */
  create(user: AuthUser, fields: CreateNoteFields): Promise<NoteResponse> {
    return this.db.transaction(async (manager) => {
      await assertInAccount(manager, Customer, user.accountId, fields.customer_id, 'customer_id');
      const columns = { ...toColumns(fields, NOTE_COLUMNS), accountId: user.accountId, authorId: user.userId };
      const { id } = await manager.save(manager.create(Note, columns));
      const note = toNoteResponse(await this.findOrFail(user.accountId, id, manager));
      await this.events.record(manager, user.accountId, 'note:created', note);
      return note;
    });
  }

  update(accountId: string, id: string, fields: UpdateNoteFields): Promise<NoteResponse> {
    return this.db.transaction(async (manager) => {
      await this.assertIfMatch(manager, accountId, id);
      const note = await this.findOrFail(accountId, id, manager);
      if (fields.customer_id) await assertInAccount(manager, Customer, accountId, fields.customer_id, 'customer_id');
      const changes = toColumns(fields, NOTE_COLUMNS);
      if (!Object.keys(changes).length) return toNoteResponse(note);
      // updateColumns(), not save(): the loaded `customer` relation would win over a new `customer_id`.
      await updateColumns(manager, Note, { id, accountId }, changes);
      const updated = toNoteResponse(await this.findOrFail(accountId, id, manager));
      await this.events.record(manager, accountId, 'note:updated', updated);
      return updated;
    });
  }

  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      await this.assertIfMatch(manager, accountId, id);
      const note = await this.findOrFail(accountId, id, manager);
      await manager.delete(Note, { id, accountId });
      await this.events.record(manager, accountId, 'note:deleted', toNoteResponse(note));
    });
  }

  private assertIfMatch(manager: EntityManager, accountId: string, id: string): Promise<void> {
    return assertIfMatch(manager, Note, { id, accountId }, async () =>
      toNoteResponse(await this.findOrFail(accountId, id, manager)),
    );
  }

  private async findOrFail(accountId: string, id: string, manager: EntityManager = this.db.manager): Promise<Note> {
    const note = await findJoined(manager, Note, { id, accountId }, WITH_ASSOCIATIONS);
    if (!note) throw notFound();
    return note;
  }
}
