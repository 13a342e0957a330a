import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { CreatePersonalApiKeyBody } from './dto/create-personal-api-key.dto';
import { PersonalApiKeyResponse, PersonalApiKeyWithValueResponse } from './dto/personal-api-key.response';
import { PersonalApiKeysService } from './personal-api-keys.service';
import { ApiCreated, ApiData, ApiDataList, ApiDeleted, ApiError } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Internal routes, authenticated with a session token; every key is visible only to its owner. */
@Credential('session')
@Controller('personal_api_keys')
export class PersonalApiKeysController {
  constructor(private readonly keys: PersonalApiKeysService) {}

  @ApiDataList(PersonalApiKeyResponse)
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<PersonalApiKeyResponse[]> {
    return this.keys.list(user);
  }

  @ApiCreated(PersonalApiKeyWithValueResponse)
  @ApiError(422, 'The user already has 100 keys.')
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreatePersonalApiKeyBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonalApiKeyWithValueResponse> {
    const key = await this.keys.create(user, body.label);
    reply.header('location', createdLocation(reply, key.id));
    return key;
  }

  @ApiData(PersonalApiKeyResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<PersonalApiKeyResponse> {
    return this.keys.get(user, id);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.keys.remove(user, id);
  }
}
