import { countCapped } from '../common/queries/count-capped';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { applyAssigneeFilter } from '../common/queries/assignee-filter';
import { findJoined } from '../common/queries/find-joined';
import { findGrouped } from '../common/queries/group-by';
import { containsPattern } from '../common/queries/like';
import { Mention } from '../mentions/entities/mention.entity';
import { mentionCondition } from '../mentions/mentions';
import { ConversationTag } from '../tags/entities/tag-links.entity';
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

/** The conversation reads (the hot paths of the API): list, count, one expanded, tags of a page. */
@Injectable()
export class ConversationsRepository {
  constructor(
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(ConversationTag) private readonly tagLinks: Repository<ConversationTag>,
    @InjectRepository(Mention) private readonly mentions: Repository<Mention>,
  ) {}

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

  /** With its customer and tags, archived or not. */
  findWithAssociations(
    accountId: string,
    id: string,
    manager: EntityManager = this.conversations.manager,
  ): Promise<Conversation | null> {
    return findJoined(manager, Conversation, { id, accountId }, { customer: true, tagLinks: { tag: true } });
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
  tagsOf(conversationIds: string[]): Promise<Map<string, ConversationTag[]>> {
    return findGrouped(this.tagLinks, 'conversationId', conversationIds, {
      relations: { tag: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** The mentions (with their users) in many conversations, oldest first: one query. */
  mentionsOf(conversationIds: string[], manager?: EntityManager): Promise<Map<string, Mention[]>> {
    return findGrouped(manager?.getRepository(Mention) ?? this.mentions, 'conversationId', conversationIds, {
      relations: { user: { profile: true } },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
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
