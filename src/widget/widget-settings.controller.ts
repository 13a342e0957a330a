import { Body, Controller, Get, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Credential, RateLimit } from '../auth/route-policy';
import { unprocessable } from '../common/errors';
import { ApiData } from '../openapi/decorators';
import { UpdateWidgetMetadataBody, UpdateWidgetSettingsBody, WidgetSettingsQuery } from './dto/widget-settings.dto';
import { WidgetSettingsExpandedResponse, WidgetSettingsResponse } from './dto/widget-settings.response';
import { isUnset, VisitorAccess } from './visitor-access';
import { WidgetSettingsService } from './widget-settings.service';
import { ApiVisitorErrors } from './visitor-errors';

/** Papercups' WidgetSettingsController: the widget reads its settings; agents edit them. */
@Controller('widget_settings')
export class WidgetSettingsController {
  constructor(
    private readonly settings: WidgetSettingsService,
    private readonly access: VisitorAccess,
  ) {}

  /** What the widget shows, for `account_id` (and `inbox_id`; the primary inbox by default), with the account. */
  @Credential('visitor')
  @ApiVisitorErrors({ required: 'The account_id is a required parameter' })
  @ApiData(WidgetSettingsExpandedResponse)
  @Get()
  async show(
    @Query() query: WidgetSettingsQuery,
    @Req() request: FastifyRequest,
  ): Promise<WidgetSettingsExpandedResponse> {
    if (isUnset(query.account_id)) throw unprocessable('The account_id is a required parameter');
    const { accountId } = await this.access.account(query.account_id, request);
    return this.settings.show(accountId, query.inbox_id);
  }

  /** The widget reports where it runs: `metadata.host`, `pathname`, `last_seen_at` (the rest is ignored). */
  @Credential('visitor')
  @RateLimit('per-visitor')
  @ApiVisitorErrors({ write: true, required: 'The following parameters are required: account_id, metadata' })
  @ApiData(WidgetSettingsResponse)
  @Put('metadata')
  async updateMetadata(
    @Body() body: UpdateWidgetMetadataBody,
    @Req() request: FastifyRequest,
  ): Promise<WidgetSettingsResponse> {
    if (isUnset(body.account_id)) throw unprocessable('The following parameters are required: account_id, metadata');
    const { accountId } = await this.access.account(body.account_id, request, { write: true });
    return this.settings.updateMetadata(accountId, body.inbox_id, body.metadata);
  }

  /** An agent edits the widget of its account (`widget_settings.inbox_id` picks the inbox's settings). */
  @Credential('session')
  @ApiData(WidgetSettingsResponse)
  @Put()
  update(@CurrentUser() user: AuthUser, @Body() body: UpdateWidgetSettingsBody): Promise<WidgetSettingsResponse> {
    return this.settings.update(user.accountId, body.widget_settings);
  }
}
