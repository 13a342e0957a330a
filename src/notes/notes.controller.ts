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
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { CreateNoteBody, ListNotesQuery, UpdateNoteBody } from './dto/note.dto';
import { toNoteResponse } from './note.mapper';
import { NotesService } from './notes.service';
import { ApiCreated, ApiData, ApiDeleted, ApiPage } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

@Credential('api-key')
@Controller({ path: 'notes', version: '1' })
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @ApiPage('Note')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListNotesQuery) {
    return this.notes.list(user.accountId, query);
  }

  @ApiCreated('Note')
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateNoteBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const note = await this.notes.create(user, body.note);
    reply.header('location', `/api/notes/${note.id}`);
    return toNoteResponse(note);
  }

  @ApiData('Note')
  @Get(':id')
  async show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam) {
    return toNoteResponse(await this.notes.findOrFail(user.accountId, id));
  }

  @ApiData('Note')
  @Put(':id')
  async update(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam, @Body() body: UpdateNoteBody) {
    return toNoteResponse(await this.notes.update(user.accountId, id, body.note));
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData('Note')
  @Patch(':id')
  patch(@CurrentUser() user: AuthUser, @Param() params: UuidParam, @Body() body: UpdateNoteBody) {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.notes.remove(user.accountId, id);
  }
}
