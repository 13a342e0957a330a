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
import { CreateNoteBody, UpdateNoteBody } from './dto/note.dto';
import { NoteResponse } from './dto/note.response';
import { ListNotesQuery } from './dto/list-notes.query';
import { NotesService } from './notes.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { createdLocation } from '../common/http/location';
import { Idempotent } from '../idempotency/idempotent.decorator';

@Credential({ v1: 'api-key', unversioned: 'session' })
@Controller({ path: 'notes', version: ['1', VERSION_NEUTRAL] })
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @ApiPage(NoteResponse)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListNotesQuery): Promise<Page<NoteResponse>> {
    return this.notes.list(user.accountId, query);
  }

  @ApiCreated(NoteResponse)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateNoteBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteResponse> {
    const note = await this.notes.create(user, body.note);
    reply.header('location', createdLocation(reply, note.id));
    return note;
  }

  @ApiData(NoteResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<NoteResponse> {
    return this.notes.get(user.accountId, id);
  }

  @ApiData(NoteResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateNoteBody,
  ): Promise<NoteResponse> {
    return this.notes.update(user.accountId, id, body.note);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(NoteResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateNoteBody,
  ): Promise<NoteResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.notes.remove(user.accountId, id);
  }
}
