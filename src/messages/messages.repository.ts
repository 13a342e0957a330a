import { countCapped } from '../common/queries/count-capped';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Raw, Repository } from 'typeorm';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { findJoined } from '../common/queries/find-joined';
import { findGrouped } from '../common/queries/group-by';
import { containsPattern } from '../common/queries/like';
import { ListMessagesQuery } from './dto/list-messages.query';
import { Message } from './entities/message.entity';

/** How many messages an expanded conversation embeds: its latest (documented in the README). */
export const EMBEDDED_MESSAGES = 100;

/** Who sent it (the user with their profile, or the customer), and its attachments. */
const SENDERS = { user: { profile: true }, customer: true, attachments: true } as const;

/** The message reads (hot paths of the API): list, count, one with its sender, a page of conversations' messages. */
@Injectable()
export class MessagesRepository {
  constructor(@InjectRepository(Message) private readonly messages: Repository<Message>) {}

  /** Newest first, with senders joined, then the page's attachments: three queries. */
  async page(accountId: string, query: ListMessagesQuery): Promise<Page<Message>> {
    const rows = this.filtered(accountId, query)
      .leftJoinAndSelect('m.user', 'user')
      .leftJoinAndSelect('user.profile', 'profile')
      .leftJoinAndSelect('m.customer', 'customer');
    const page = await paginate(
      rows,
      { column: 'm.createdAt', idColumn: 'm.id', read: (m) => [m.createdAt, m.id] },
      query,
    );
    await this.loadAttachments(page.data);
    return page;
  }

  /** Attachments are a to-many join, which the page's LIMIT must not see: loaded for the page in one query. */
  private async loadAttachments(messages: Message[]): Promise<void> {
    if (!messages.length) return;
    const withFiles = await this.messages.find({
      select: { id: true },
      where: { id: In(messages.map((m) => m.id)) },
      relations: { attachments: true },
    });
    const files = new Map(withFiles.map((m) => [m.id, m.attachments ?? []]));
    for (const message of messages) message.attachments = files.get(message.id) ?? [];
  }

  /** Exact up to TOTAL_CAP (10 000), one query: a count never scans more rows than that. */
  count(accountId: string, query: ListMessagesQuery): Promise<number> {
    return countCapped(this.filtered(accountId, query));
  }

  /** One message with its sender (inside the caller's transaction when given a manager). */
  findWithSender(accountId: string, id: string, manager: EntityManager = this.messages.manager) {
    return findJoined(manager, Message, { id, accountId }, SENDERS);
  }

  /**
   * The latest EMBEDDED_MESSAGES messages of each of many conversations, oldest first, with senders: one
   * query (expanded conversations). Each conversation's are an index seek backwards from its newest, so a
   * conversation of a million messages costs what one of a hundred does; the messages list pages the rest.
   */
  forConversations(conversationIds: string[], manager?: EntityManager): Promise<Map<string, Message[]>> {
    const latest = (alias: string) =>
      `${alias} IN (SELECT latest.id FROM unnest(CAST(:conversationIds AS uuid[])) AS c(id) CROSS JOIN LATERAL
        (SELECT m.id FROM messages m WHERE m.conversation_id = c.id
          ORDER BY m.created_at DESC, m.id DESC LIMIT :embedded) latest)`;
    return findGrouped(manager?.getRepository(Message) ?? this.messages, 'conversationId', conversationIds, {
      relations: SENDERS,
      order: { createdAt: 'ASC', id: 'ASC' },
      extraWhere: { id: Raw(latest, { conversationIds, embedded: EMBEDDED_MESSAGES }) },
    });
  }

  private filtered(accountId: string, query: ListMessagesQuery) {
    const rows = this.messages.createQueryBuilder('m').where('m.accountId = :accountId', { accountId });
    if (query.conversation_id) {
      rows.andWhere('m.conversationId = :conversationId', { conversationId: query.conversation_id });
    }
    if (query.customer_id) rows.andWhere('m.customerId = :customerId', { customerId: query.customer_id });
    if (query.q) rows.andWhere('m.body ILIKE :q', { q: containsPattern(query.q) });
    return applyDateRange(rows, 'm', query);
  }
}
