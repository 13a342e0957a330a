import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { CreatePersonalApiKeyBody } from './dto/create-personal-api-key.dto';
import { toPersonalApiKeyResponse } from './personal-api-key.mapper';
import { PersonalApiKeysService } from './personal-api-keys.service';
import { ApiCreated, ApiData, ApiDataList, ApiDeleted } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/** Internal routes, authenticated with a session token; every key is visible only to its owner. */
@Credential('session')
@Controller('personal_api_keys')
export class PersonalApiKeysController {
  constructor(private readonly keys: PersonalApiKeysService) {}

  @ApiDataList('PersonalApiKey')
  @Get()
  async list(@CurrentUser() user: AuthUser) {
    return (await this.keys.list(user)).map((key) => toPersonalApiKeyResponse(key));
  }

  @ApiCreated('PersonalApiKey')
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreatePersonalApiKeyBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { key, value } = await this.keys.create(user, body.label);
    reply.header('location', `/api/personal_api_keys/${key.id}`);
    return toPersonalApiKeyResponse(key, value);
  }

  @ApiData('PersonalApiKey')
  @Get(':id')
  async show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    return toPersonalApiKeyResponse(await this.keys.findOrFail(user, id));
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.keys.remove(user, id);
  }
}
