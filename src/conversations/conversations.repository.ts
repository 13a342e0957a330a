import { countCapped } from '../common/queries/count-capped';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { applyAssigneeFilter } from '../common/queries/assignee-filter';
import { EntityColumns } from '../common/queries/entity-columns';
import { containsPattern } from '../common/queries/like';
import { Mention } from '../mentions/entities/mention.entity';
import { mentionCondition } from '../mentions/mentions';
import { Customer } from '../customers/entities/customer.entity';
import { ConversationTag } from '../tags/entities/tag-links.entity';
import { Tag } from '../tags/entities/tag.entity';
import { User } from '../users/entities/user.entity';
import { UserProfile } from '../users/entities/user-profile.entity';
import { ListConversationsQuery } from './dto/list-conversations.query';
import { Conversation } from './entities/conversation.entity';

/** Query parameters compared as they are, and the column each one filters. */
const EXACT_FILTERS = {
  status: 'status',
  priority: 'priority',
  source: 'source',
  customer_id: 'customerId',
  inbox_id: 'inboxId',
  read: 'read',
} as const satisfies Partial<Record<keyof ListConversationsQuery, keyof Conversation>>;

type Row = Record<string, unknown>;

/**
 * The conversation reads (the hot paths of the API): list, count, one expanded, tags and mentions of a
 * page. The expansions are hand-written joins read with EntityColumns (see MessagesRepository).
 */
@Injectable()
export class ConversationsRepository {
  private readonly columns: {
    conversation: EntityColumns<Conversation>;
    customer: EntityColumns<Customer>;
    tag: EntityColumns<Tag>;
    mention: EntityColumns<Mention>;
    user: EntityColumns<User>;
    profile: EntityColumns<UserProfile>;
  };

  constructor(@InjectRepository(Conversation) private readonly conversations: Repository<Conversation>) {
    this.columns = {
      conversation: EntityColumns.of(conversations, Conversation, 'c'),
      customer: EntityColumns.of(conversations, Customer, 'cu'),
      tag: EntityColumns.of(conversations, Tag, 't'),
      mention: EntityColumns.of(conversations, Mention, 'mn'),
      user: EntityColumns.of(conversations, User, 'u'),
      profile: EntityColumns.of(conversations, UserProfile, 'p'),
    };
  }

  /** Newest activity first, archived ones hidden (or only those with `archived=true`), each with its customer: two queries. */
  page(accountId: string, callerId: number, query: ListConversationsQuery): Promise<Page<Conversation>> {
    const rows = this.filtered(accountId, callerId, query).leftJoinAndSelect('c.customer', 'customer');
    return paginate(
      rows,
      { column: 'c.lastActivityAt', idColumn: 'c.id', read: (c) => [c.lastActivityAt, c.id] },
      query,
    );
  }

  /** Exact up to TOTAL_CAP (10 000), one query: a count never scans more rows than that. */
  count(accountId: string, callerId: number, query: ListConversationsQuery): Promise<number> {
    return countCapped(this.filtered(accountId, callerId, query));
  }

  /** With its customer and tags (oldest tagging first), archived or not: one statement. */
  async findWithAssociations(
    accountId: string,
    id: string,
    manager: EntityManager = this.conversations.manager,
  ): Promise<Conversation | null> {
    const { conversation, customer, tag } = this.columns;
    const rows: Row[] = await manager.query(
      `SELECT ${conversation.select}, ${customer.select}, ${tag.select}
       FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN conversation_tags ct ON ct.conversation_id = c.id LEFT JOIN tags t ON t.id = ct.tag_id
       WHERE c.id = $1 AND c.account_id = $2
       ORDER BY ct.created_at, ct.id`,
      [id, accountId],
    );
    if (!rows.length) return null;
    const found = conversation.read(rows[0])!;
    found.customer = customer.read(rows[0]) ?? undefined;
    found.tagLinks = rows.flatMap((row) => (row['t.id'] ? [{ tag: tag.read(row)! } as ConversationTag] : []));
    return found;
  }

  /**
   * Papercups' `previous` and `related`: the customer's other live conversations, most recent activity first,
   * each with its customer (one query); `before` keeps only those created before it.
   */
  othersOfCustomer(of: Conversation, limit: number, before?: Date): Promise<Conversation[]> {
    const rows = this.conversations
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.customer', 'customer')
      .where('c.accountId = :accountId AND c.customerId = :customerId AND c.id <> :id AND c.archivedAt IS NULL', {
        accountId: of.accountId,
        customerId: of.customerId,
        id: of.id,
      });
    if (before) rows.andWhere('c.createdAt < :before', { before });
    return rows.orderBy('c.lastActivityAt', 'DESC').addOrderBy('c.id', 'DESC').take(limit).getMany();
  }

  /** The tag links (with their tags) of many conversations, oldest first: one query. */
  async tagsOf(conversationIds: string[]): Promise<Map<string, ConversationTag[]>> {
    const groups = new Map<string, ConversationTag[]>(conversationIds.map((id) => [id, []]));
    if (!conversationIds.length) return groups;
    const rows: Row[] = await this.conversations.manager.query(
      `SELECT ct.conversation_id AS "conversationId", ${this.columns.tag.select}
       FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
       WHERE ct.conversation_id = ANY($1::uuid[]) ORDER BY ct.created_at, ct.id`,
      [conversationIds],
    );
    for (const row of rows) {
      groups.get(row.conversationId as string)?.push({ tag: this.columns.tag.read(row)! } as ConversationTag);
    }
    return groups;
  }

  /** The mentions (with their users) in many conversations, oldest first: one query. */
  async mentionsOf(conversationIds: string[], manager?: EntityManager): Promise<Map<string, Mention[]>> {
    const groups = new Map<string, Mention[]>(conversationIds.map((id) => [id, []]));
    if (!conversationIds.length) return groups;
    const { mention, user, profile } = this.columns;
    const rows: Row[] = await (manager ?? this.conversations.manager).query(
      `SELECT ${mention.select}, ${user.select}, ${profile.select}
       FROM mentions mn JOIN users u ON u.id = mn.user_id LEFT JOIN user_profiles p ON p.user_id = u.id
       WHERE mn.conversation_id = ANY($1::uuid[]) ORDER BY mn.created_at, mn.id`,
      [conversationIds],
    );
    for (const row of rows) {
      const found = mention.read(row)!;
      found.user = user.read(row)!;
      found.user.profile = profile.read(row);
      groups.get(found.conversationId)?.push(found);
    }
    return groups;
  }

  private filtered(accountId: string, callerId: number, query: ListConversationsQuery) {
    const rows = this.conversations
      .createQueryBuilder('c')
      .where(`c.accountId = :accountId AND c.archivedAt ${query.archived ? 'IS NOT NULL' : 'IS NULL'}`, { accountId });
    for (const [param, column] of Object.entries(EXACT_FILTERS)) {
      const value = query[param as keyof typeof EXACT_FILTERS];
      if (value !== undefined) rows.andWhere(`c.${column} = :${column}`, { [column]: value });
    }
    applyAssigneeFilter(rows, 'c.assigneeId', query.assignee_id, callerId);
    if (query.mentioning !== undefined) {
      const mentioning = query.mentioning === 'me' ? callerId : Number(query.mentioning);
      rows.andWhere(mentionCondition(query.has_seen_mention), { mentioning });
    }
    if (query.tag_id) {
      rows.andWhere(
        'EXISTS (SELECT 1 FROM conversation_tags ct WHERE ct.conversation_id = c.id AND ct.tag_id = :tagId)',
        { tagId: query.tag_id },
      );
    }
    if (query.q) {
      // messages_body_trgm_idx serves the ILIKE; the account condition keeps other accounts' messages out.
      rows.andWhere(
        'EXISTS (SELECT 1 FROM messages qm WHERE qm.conversation_id = c.id AND qm.account_id = c.account_id AND qm.body ILIKE :q)',
        { q: containsPattern(query.q) },
      );
    }
    return applyDateRange(rows, 'c', query);
  }
}
