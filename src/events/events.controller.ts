import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiHeader } from '@nestjs/swagger';
import { ApiEventStream, ApiPage } from '../openapi/decorators';
import { Page } from '../common/pagination/page';
import { EventResponse } from './dto/event.response';
import { ListEventsQuery } from './dto/list-events.query';
import { EventStreamsService } from './event-streams.service';
import { EventsService } from './events.service';
import { Credential } from '../auth/route-policy';
import { hashToken } from '../auth/auth-user';
import { bearerToken } from '../auth/bearer-token';

@Credential('api-key')
@Controller({ path: 'events', version: '1' })
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly streams: EventStreamsService,
  ) {}

  /** The account's event log, oldest first: `?after=<cursor>&type=a,b&limit=`. */
  @ApiPage(EventResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListEventsQuery): Promise<Page<EventResponse>> {
    return this.events.list(user.accountId, query);
  }

  /** Server-Sent Events: `id:` is the cursor; reconnect with `Last-Event-ID` (or `?after=`) to resume; `?type=` filters. */
  @ApiEventStream(
    'Server-Sent Events: a `retry:` line and a `: cursor <n>` comment, then one frame per event (`id:` cursor, ' +
      '`event:` type, `data:` the event as JSON) and a `: heartbeat` comment every few seconds.',
    'retry: 2000\n: cursor 41\n\nid: 42\nevent: message:created\ndata: {"id":"…","object":"event","cursor":"42",…}\n\n',
  )
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this cursor (wins over `after`).' })
  @Get('stream')
  stream(
    @CurrentUser() user: AuthUser,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query() query: ListEventsQuery,
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // The key itself (the guard has accepted it): streams are counted per key and end when it is deleted.
    const keyHash = hashToken(bearerToken(authorization) ?? '');
    return this.streams.start({ accountId: user.accountId, keyHash }, lastEventId ?? query.after, query.type, reply);
  }
}
