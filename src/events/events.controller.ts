import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/decorators';
import { ListEventsQuery } from './dto/list-events.query';
import { toEventResponse } from './event.mapper';
import { EventStreamsService } from './event-streams.service';
import { EventsService } from './events.service';

@Controller({ path: 'events', version: '1' })
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly streams: EventStreamsService,
  ) {}

  /** The account's event log, oldest first: `?after=<cursor>&type=a,b&limit=`. */
  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() query: ListEventsQuery) {
    return (await this.events.list(user.accountId, query)).map(toEventResponse);
  }

  /** Server-Sent Events: `id:` is the cursor; reconnect with `Last-Event-ID` (or `?after=`) to resume; `?type=` filters. */
  @Get('stream')
  stream(
    @CurrentUser() user: AuthUser,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query() query: ListEventsQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.streams.start(user.accountId, lastEventId ?? query.after, query.type, reply);
  }
}
