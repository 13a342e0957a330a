import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { badRequest } from '../common/errors';
import { Page } from '../common/pagination/page';
import { DEFAULT_LIMIT } from '../common/pagination/page-query.dto';
import { countCapped } from '../common/queries/count-capped';
import { EventPayload, EventResponse } from './dto/event.response';
import { ListEventsQuery } from './dto/list-events.query';
import { Event } from './entities/event.entity';
import { EventType, isEventType } from './event-types';
import { toEventResponse } from './event.mapper';
import { RECORD_EVENT_SQL } from './record-event.sql';

@Injectable()
export class EventsService {
  constructor(@InjectRepository(Event) private readonly events: Repository<Event>) {}

  /** Call inside the transaction that makes the change; `payload` is the resource's API view. */
  async record(
    manager: EntityManager,
    accountId: string,
    type: EventType,
    payload: EventPayload,
    { webhooks = true }: { webhooks?: boolean } = {},
  ): Promise<void> {
    await manager.query(RECORD_EVENT_SQL, [accountId, type, JSON.stringify(payload), webhooks]);
  }

  /** Oldest first, from just after `after`; `next` is the cursor to pass next time (null when caught up). */
  async list(accountId: string, query: ListEventsQuery): Promise<Page<EventResponse>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = parseCursor(query.after);
    const types = parseTypes(query.type);
    const rows = this.events.createQueryBuilder('e').where('e.accountId = :accountId', { accountId });
    if (types.length) rows.andWhere('e.type IN (:...types)', { types });
    rows.andWhere('e.seq > :after', { after });
    const total = countCapped(rows);
    const items = await rows
      .clone()
      .orderBy('e.seq', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = items.slice(0, limit);
    const next = items.length > limit ? String(page[page.length - 1].seq) : null;
    return new Page(page, next, null, limit, await total).map(toEventResponse);
  }

  /** Up to `limit` events of the account after `after`, oldest first (the live stream reads through this). */
  after(accountId: string, after: number, limit: number, types: string[] = []): Promise<Event[]> {
    const rows = this.events
      .createQueryBuilder('e')
      .where('e.accountId = :accountId AND e.seq > :after', { accountId, after });
    if (types.length) rows.andWhere('e.type IN (:...types)', { types });
    return rows.orderBy('e.seq', 'ASC').limit(limit).getMany();
  }

  /** The account's latest cursor (0 before its first event). */
  async latest(accountId: string): Promise<number> {
    const [row] = await this.events.query('SELECT seq FROM event_cursors WHERE account_id = $1', [accountId]);
    return row ? Number(row.seq) : 0;
  }

  /** Retention: events older than `days` go, with their deliveries and attempts (ON DELETE CASCADE). */
  async prune(days: number): Promise<number> {
    const [, affected] = await this.events.query(
      `DELETE FROM events WHERE created_at < now() - make_interval(days => $1)`,
      [days],
    );
    return Number(affected ?? 0);
  }
}

export function parseCursor(value: string | undefined, param = 'after'): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,15}$/.test(value)) throw badRequest('Invalid cursor', { [param]: ['is invalid'] });
  return Number(value);
}

/** `type=message:created,conversation:updated` (or repeated `type=`); unknown types are a 400. */
export function parseTypes(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const types = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter(Boolean);
  if (types.some((type) => !isEventType(type))) throw badRequest('Bad Request', { type: ['is invalid'] });
  return types;
}
