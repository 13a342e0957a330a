import { countCapped } from '../common/queries/count-capped';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { applyAssigneeFilter } from '../common/queries/assignee-filter';
import { EntityColumns, JoinedColumns } from '../common/queries/entity-columns';
import { pageArrays, queryArrays } from '../common/queries/hot-query';
import { containsPattern } from '../common/queries/like';
import { Mention } from '../mentions/entities/mention.entity';
import { mentionCondition } from '../mentions/mentions';
import { Customer } from '../customers/entities/customer.entity';
import { ConversationTag } from '../tags/entities/tag-links.entity';
import { Tag } from '../tags/entities/tag.entity';
import { User } from '../users/entities/user.entity';
import { UserProfile } from '../users/entities/user-profile.entity';
import { PROFILE_RESPONSE_PROPERTIES, USER_RESPONSE_PROPERTIES } from '../users/user.mapper';
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
  /** A conversation and its customer; with its tags; a mention with its user (as the mappers render it). */
  private readonly joined: { withCustomer: JoinedColumns; withTags: JoinedColumns; mention: JoinedColumns };

  constructor(@InjectRepository(Conversation) private readonly conversations: Repository<Conversation>) {
    this.columns = {
      conversation: EntityColumns.of(conversations, Conversation, 'c'),
      customer: EntityColumns.of(conversations, Customer, 'cu'),
      tag: EntityColumns.of(conversations, Tag, 't'),
      mention: EntityColumns.of(conversations, Mention, 'mn'),
      user: EntityColumns.of(conversations, User, 'u', USER_RESPONSE_PROPERTIES),
      profile: EntityColumns.of(conversations, UserProfile, 'p', PROFILE_RESPONSE_PROPERTIES),
    };
    const { conversation, customer, tag, mention, user, profile } = this.columns;
    this.joined = {
      withCustomer: new JoinedColumns([conversation, customer]),
      withTags: new JoinedColumns([conversation, customer, tag]),
      mention: new JoinedColumns([mention, user, profile]),
    };
  }

  /** Newest activity first, archived ones hidden (or only those with `archived=true`), each with its customer: two queries. */
  page(accountId: string, callerId: number, query: ListConversationsQuery): Promise<Page<Conversation>> {
    const { conversation, customer } = this.columns;
    return paginate(
      this.filtered(accountId, callerId, query).select('c.id'),
      { column: 'c.lastActivityAt', idColumn: 'c.id', read: (c) => [c.lastActivityAt, c.id] },
      query,
      async (keys) => {
        const rows = await pageArrays(
          keys,
          (page) => `SELECT ${this.joined.withCustomer.select} FROM ${page} JOIN conversations c ON c.id = page.id
            LEFT JOIN customers cu ON cu.id = c.customer_id ORDER BY page.position`,
        );
        return rows.map((row) => {
          const found = conversation.read(row)!;
          found.customer = customer.read(row, this.joined.withCustomer.at[1]) ?? undefined;
          return found;
        });
      },
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
    const [, atCustomer, atTag] = this.joined.withTags.at;
    const rows = await queryArrays(
      manager,
      `SELECT ${this.joined.withTags.select}
       FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN conversation_tags ct ON ct.conversation_id = c.id LEFT JOIN tags t ON t.id = ct.tag_id
       WHERE c.id = $1 AND c.account_id = $2
       ORDER BY ct.created_at, ct.id`,
      [id, accountId],
    );
    if (!rows.length) return null;
    const found = conversation.read(rows[0])!;
    found.customer = customer.read(rows[0], atCustomer) ?? undefined;
    found.tagLinks = rows.flatMap((row) => {
      const linked = tag.read(row, atTag);
      return linked ? [{ tag: linked } as ConversationTag] : [];
    });
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
    const rows = await queryArrays(
      this.conversations.manager,
      `SELECT ct.conversation_id, ${this.columns.tag.select}
       FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
       WHERE ct.conversation_id = ANY($1::uuid[]) ORDER BY ct.created_at, ct.id`,
      [conversationIds],
    );
    for (const row of rows) {
      groups.get(row[0] as string)?.push({ tag: this.columns.tag.read(row, 1)! } as ConversationTag);
    }
    return groups;
  }

  /** The mentions (with their users) in many conversations, oldest first: one query. */
  async mentionsOf(conversationIds: string[], manager?: EntityManager): Promise<Map<string, Mention[]>> {
    const groups = new Map<string, Mention[]>(conversationIds.map((id) => [id, []]));
    if (!conversationIds.length) return groups;
    const { mention, user, profile } = this.columns;
    const [, atUser, atProfile] = this.joined.mention.at;
    const rows = await queryArrays(
      manager ?? this.conversations.manager,
      `SELECT ${this.joined.mention.select}
       FROM mentions mn JOIN users u ON u.id = mn.user_id LEFT JOIN user_profiles p ON p.user_id = u.id
       WHERE mn.conversation_id = ANY($1::uuid[]) ORDER BY mn.created_at, mn.id`,
      [conversationIds],
    );
    for (const row of rows) {
      const found = mention.read(row)!;
      found.user = user.read(row, atUser)!;
      found.user.profile = profile.read(row, atProfile);
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
