import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuthUser } from '../common/auth/auth-user';
import { notFound } from '../common/errors';
import { applyDateRange } from '../common/pagination/date-range';
import { paginate } from '../common/pagination/paginate';
import { assertInAccount } from '../common/references';
import { toEntityFields } from '../common/serialization/fields';
import { Customer } from '../customers/entities/customer.entity';
import { CreateNoteParams, ListNotesQuery, UpdateNoteParams } from './dto/note.dto';
import { Note } from './entities/note.entity';
import { toNoteResponse } from './note.mapper';

const WITH_ASSOCIATIONS = { author: { profile: true }, customer: true } as const;

@Injectable()
export class NotesService {
  constructor(@InjectRepository(Note) private readonly notes: Repository<Note>) {}

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
    const page = await paginate(rows, { column: 'n.createdAt', idColumn: 'n.id', read: (n) => [n.createdAt, n.id] }, query);
    return page.map(toNoteResponse);
  }

  async findOrFail(accountId: string, id: string): Promise<Note> {
    const note = await this.notes.findOne({ where: { id, accountId }, relations: WITH_ASSOCIATIONS });
    if (!note) throw notFound();
    return note;
  }

  /** The author is the caller; the customer must be one of the caller's account. */
  async create(user: AuthUser, params: CreateNoteParams): Promise<Note> {
    await assertInAccount(this.notes.manager, Customer, user.accountId, params.customer_id, 'customer_id');
    // insert(), not save(): one statement, no transaction around it.
    const fields = { ...toEntityFields<Note>(params), accountId: user.accountId, authorId: user.userId };
    const { identifiers } = await this.notes.insert(fields as QueryDeepPartialEntity<Note>);
    return this.findOrFail(user.accountId, identifiers[0].id as string);
  }

  async update(accountId: string, id: string, params: UpdateNoteParams): Promise<Note> {
    const note = await this.findOrFail(accountId, id);
    if (params.customer_id) await assertInAccount(this.notes.manager, Customer, accountId, params.customer_id, 'customer_id');
    const changes = toEntityFields<Note>(params);
    if (!Object.keys(changes).length) return note;
    // update(), not save(): the loaded `customer` relation would win over a new `customer_id`.
    await this.notes.update({ id, accountId }, changes as QueryDeepPartialEntity<Note>);
    return this.findOrFail(accountId, id);
  }

  async remove(accountId: string, id: string): Promise<void> {
    const { affected } = await this.notes.delete({ id, accountId });
    if (!affected) throw notFound();
  }
}
