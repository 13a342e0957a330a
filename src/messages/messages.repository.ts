import { countCapped } from '../common/queries/count-capped';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { EntityColumns, JoinedColumns } from '../common/queries/entity-columns';
import { ArrayRow, pageArrays, queryArrays } from '../common/queries/hot-query';
import { Conversation } from '../conversations/entities/conversation.entity';
import { CUSTOMER_BASIC_PROPERTIES } from '../customers/customer.mapper';
import { Customer } from '../customers/entities/customer.entity';
import { FileUpload } from '../uploads/entities/file-upload.entity';
import { User } from '../users/entities/user.entity';
import { UserProfile } from '../users/entities/user-profile.entity';
import { PROFILE_RESPONSE_PROPERTIES, USER_RESPONSE_PROPERTIES } from '../users/user.mapper';
import { containsPattern } from '../common/queries/like';
import { ListMessagesQuery } from './dto/list-messages.query';
import { Message } from './entities/message.entity';

/** How many messages an expanded conversation embeds: its latest (documented in the README). */
export const EMBEDDED_MESSAGES = 100;

/** Who sent it: the user with their profile, or the customer (read with `withSenders`). */
const SENDER_JOINS = `LEFT JOIN users u ON u.id = m.user_id LEFT JOIN user_profiles p ON p.user_id = u.id
  LEFT JOIN customers cu ON cu.id = m.customer_id`;

/** A message's attachments as the file mapper reads them, oldest first: one JSON array per message. */
const ATTACHMENTS_SQL = `COALESCE((
  SELECT json_agg(json_build_object('id', f.id, 'fileUrl', f.file_url, 'contentType', f.content_type,
    'filename', f.filename) ORDER BY f.created_at, f.id)
  FROM message_files mf JOIN files f ON f.id = mf.file_id WHERE mf.message_id = m.id), '[]')`;

/**
 * The message reads (hot paths of the API): list, count, one with its sender, a page of conversations'
 * messages. The lists read their rows by hand-written joins (EntityColumns), senders and attachments in
 * the same statement: TypeORM's hydration of such joins cost more than the rest of the request.
 */
@Injectable()
export class MessagesRepository {
  private readonly columns: {
    message: EntityColumns<Message>;
    user: EntityColumns<User>;
    profile: EntityColumns<UserProfile>;
    customer: EntityColumns<Customer>;
    conversation: EntityColumns<Conversation>;
  };
  /** A message, its sender (what the mappers render of a user or a customer) and its attachments. */
  private readonly senders: JoinedColumns;
  private readonly withSenders: string;

  constructor(@InjectRepository(Message) private readonly messages: Repository<Message>) {
    this.columns = {
      message: EntityColumns.of(messages, Message, 'm'),
      user: EntityColumns.of(messages, User, 'u', USER_RESPONSE_PROPERTIES),
      profile: EntityColumns.of(messages, UserProfile, 'p', PROFILE_RESPONSE_PROPERTIES),
      customer: EntityColumns.of(messages, Customer, 'cu', CUSTOMER_BASIC_PROPERTIES),
      conversation: EntityColumns.of(messages, Conversation, 'c'),
    };
    const { message, user, profile, customer } = this.columns;
    this.senders = new JoinedColumns([message, user, profile, customer]);
    this.withSenders = `${this.senders.select}, ${ATTACHMENTS_SQL}`;
  }

  /** Newest first, with senders and attachments joined, and a capped count: two queries. */
  page(accountId: string, query: ListMessagesQuery): Promise<Page<Message>> {
    return paginate(
      this.filtered(accountId, query).select('m.id'),
      { column: 'm.createdAt', idColumn: 'm.id', read: (m) => [m.createdAt, m.id] },
      query,
      async (keys) => {
        const rows = await pageArrays(
          keys,
          (page) => `SELECT ${this.withSenders} FROM ${page} JOIN messages m ON m.id = page.id ${SENDER_JOINS}
            ORDER BY page.position`,
        );
        return rows.map((row) => this.read(row));
      },
    );
  }

  /** A row of `withSenders` as the entity the mappers read. */
  private read(row: ArrayRow): Message {
    const { message, user, profile, customer } = this.columns;
    const [atMessage, atUser, atProfile, atCustomer] = this.senders.at;
    const read = message.read(row, atMessage)!;
    read.user = user.read(row, atUser);
    if (read.user) read.user.profile = profile.read(row, atProfile);
    read.customer = customer.read(row, atCustomer);
    read.attachments = row[this.senders.width] as FileUpload[];
    return read;
  }

  /** Exact up to TOTAL_CAP (10 000), one query: a count never scans more rows than that. */
  count(accountId: string, query: ListMessagesQuery): Promise<number> {
    return countCapped(this.filtered(accountId, query));
  }

  /** One message with its sender and attachments (inside the caller's transaction when given a manager). */
  async findWithSender(accountId: string, id: string, manager: EntityManager = this.messages.manager) {
    const [row] = await queryArrays(
      manager,
      `SELECT ${this.withSenders} FROM messages m ${SENDER_JOINS} WHERE m.id = $1 AND m.account_id = $2`,
      [id, accountId],
    );
    return row ? this.read(row) : null;
  }

  /**
   * The latest EMBEDDED_MESSAGES messages of each of many conversations, oldest first, with senders and
   * attachments: one statement (expanded conversations). Each conversation's are an index seek backwards
   * from its newest, so a conversation of a million messages costs what one of a hundred does; the messages
   * list pages the rest.
   */
  async forConversations(conversationIds: string[], manager?: EntityManager): Promise<Map<string, Message[]>> {
    const groups = new Map<string, Message[]>(conversationIds.map((id) => [id, []]));
    if (!conversationIds.length) return groups;
    const rows = await queryArrays(
      manager ?? this.messages.manager,
      `SELECT ${this.withSenders}
       FROM unnest($1::uuid[]) AS c(id)
       CROSS JOIN LATERAL (SELECT * FROM messages WHERE conversation_id = c.id
         ORDER BY created_at DESC, id DESC LIMIT ${EMBEDDED_MESSAGES}) m
       ${SENDER_JOINS}
       ORDER BY m.created_at, m.id`,
      [conversationIds],
    );
    for (const row of rows) {
      const message = this.read(row);
      groups.get(message.conversationId)?.push(message);
    }
    return groups;
  }

  /** The conversation a message is written into, locked for the write's transaction (or null). */
  async lockConversation(manager: EntityManager, accountId: string, id: string): Promise<Conversation | null> {
    const [row] = await queryArrays(
      manager,
      `SELECT ${this.columns.conversation.select} FROM conversations c WHERE c.id = $1 AND c.account_id = $2
       FOR UPDATE`,
      [id, accountId],
    );
    return row ? this.columns.conversation.read(row) : null;
  }

  /** Whether an agent has replied in the conversation (the first reply assigns it). */
  async hasAgentReply(manager: EntityManager, conversationId: string): Promise<boolean> {
    const [{ replied }] = await manager.query(
      'SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND user_id IS NOT NULL) AS replied',
      [conversationId],
    );
    return replied as boolean;
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
