import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { Page } from '../common/pagination/page';
import { PageQuery } from '../common/pagination/page-query.dto';
import { CreateEventSubscriptionBody, UpdateEventSubscriptionBody, VerifyUrlBody } from './dto/event-subscription.dto';
import {
  EventSubscriptionResponse,
  EventSubscriptionWithSecretResponse,
  VerifiedResponse,
} from './dto/event-subscription.response';
import { EventSubscriptionsService } from './event-subscriptions.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential, RequireRole } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

/**
 * `/api/v1/event_subscriptions` (API key) and Papercups' `/api/event_subscriptions` (session token), both
 * scoped to the caller's account (Papercups does not check the account on show/update/delete: fixed).
 */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'event_subscriptions', version: ['1', VERSION_NEUTRAL] })
export class EventSubscriptionsController {
  constructor(private readonly subscriptions: EventSubscriptionsService) {}

  @ApiPage(EventSubscriptionResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<Page<EventSubscriptionResponse>> {
    return this.subscriptions.list(user.accountId, query);
  }

  /** 201 with `secret`, the only time it is shown (see rotate_secret). */
  @ApiCreated(EventSubscriptionWithSecretResponse)
  @RequireRole('admin')
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateEventSubscriptionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventSubscriptionWithSecretResponse> {
    const subscription = await this.subscriptions.create(user.accountId, body.event_subscription);
    reply.header('location', createdLocation(reply, subscription.id));
    return subscription;
  }

  /** Papercups' handshake on a URL, nothing saved: `{"url": "..."}` → `{"verified": bool}`. */
  @ApiData(VerifiedResponse)
  @RequireRole('admin')
  @Idempotent()
  @Post('verify')
  @HttpCode(HttpStatus.OK)
  verify(@Body() body: VerifyUrlBody): Promise<VerifiedResponse> {
    return this.subscriptions.verifyUrl(body.url);
  }

  @ApiData(EventSubscriptionResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<EventSubscriptionResponse> {
    return this.subscriptions.get(user.accountId, id);
  }

  @ApiData(EventSubscriptionResponse)
  @RequireRole('admin')
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateEventSubscriptionBody,
  ): Promise<EventSubscriptionResponse> {
    return this.subscriptions.update(user.accountId, id, body.event_subscription);
  }

  @ApiData(EventSubscriptionResponse)
  @RequireRole('admin')
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateEventSubscriptionBody,
  ): Promise<EventSubscriptionResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @RequireRole('admin')
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.subscriptions.remove(user.accountId, id);
  }

  /** A new signing secret, returned once; the old one stops signing at once. */
  @ApiData(EventSubscriptionWithSecretResponse)
  @RequireRole('admin')
  @Idempotent()
  @Post(':id/rotate_secret')
  @HttpCode(HttpStatus.OK)
  rotateSecret(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
  ): Promise<EventSubscriptionWithSecretResponse> {
    return this.subscriptions.rotateSecret(user.accountId, id);
  }
}
