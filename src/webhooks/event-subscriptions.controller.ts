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
import { PageQuery } from '../common/pagination/page-query.dto';
import { CreateEventSubscriptionBody, UpdateEventSubscriptionBody, VerifyUrlBody } from './dto/event-subscription.dto';
import { toEventSubscriptionResponse } from './event-subscription.mapper';
import { EventSubscriptionsService } from './event-subscriptions.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/**
 * `/api/v1/event_subscriptions` (API key) and Papercups' `/api/event_subscriptions` (session token), both
 * scoped to the caller's account (Papercups does not check the account on show/update/delete: fixed).
 */
@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'event_subscriptions', version: ['1', VERSION_NEUTRAL] })
export class EventSubscriptionsController {
  constructor(private readonly subscriptions: EventSubscriptionsService) {}

  @ApiPage('EventSubscription')
  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() query: PageQuery) {
    return (await this.subscriptions.list(user.accountId, query)).map((s) => toEventSubscriptionResponse(s));
  }

  /** 201 with `secret`, the only time it is shown (see rotate_secret). */
  @ApiCreated('EventSubscriptionWithSecret')
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateEventSubscriptionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { subscription, secret } = await this.subscriptions.create(user.accountId, body.event_subscription);
    reply.header('location', `/api/event_subscriptions/${subscription.id}`);
    return toEventSubscriptionResponse(subscription, secret);
  }

  /** Papercups' handshake on a URL, nothing saved: `{"url": "..."}` → `{"verified": bool}`. */
  @ApiData('Verified')
  @Post('verify')
  @HttpCode(HttpStatus.OK)
  async verify(@Body() body: VerifyUrlBody) {
    return { verified: await this.subscriptions.verifyUrl(body.url) };
  }

  @ApiData('EventSubscription')
  @Get(':id')
  async show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    return toEventSubscriptionResponse(await this.subscriptions.findOrFail(user.accountId, id));
  }

  @ApiData('EventSubscription')
  @Put(':id')
  async update(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: UpdateEventSubscriptionBody) {
    return toEventSubscriptionResponse(await this.subscriptions.update(user.accountId, id, body.event_subscription));
  }

  @ApiData('EventSubscription')
  @Patch(':id')
  patch(@CurrentUser() user: AuthUser, @Param() params: UuidParam, @Body() body: UpdateEventSubscriptionBody) {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.subscriptions.remove(user.accountId, id);
  }

  /** A new signing secret, returned once; the old one stops signing at once. */
  @ApiData('EventSubscriptionWithSecret')
  @Post(':id/rotate_secret')
  @HttpCode(HttpStatus.OK)
  async rotateSecret(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    const { subscription, secret } = await this.subscriptions.rotateSecret(user.accountId, id);
    return toEventSubscriptionResponse(subscription, secret);
  }
}
