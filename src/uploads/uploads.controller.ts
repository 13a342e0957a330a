import '@fastify/multipart';
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Credential, RateLimit } from '../auth/route-policy';
import { badRequest, fileTooLarge, notFound } from '../common/errors';
import { UuidParam } from '../common/dto/uuid-param.dto';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { ApiCreated, ApiData, ApiDeleted } from '../openapi/decorators';
import { VisitorAccess, isUnset } from '../widget/visitor-access';
import { FileResponse } from './dto/file.response';
import { isInline } from './file-types';
import { toFileResponse } from './file.mapper';
import { publicBaseUrl } from './public-url';
import { IncomingFile, UploadsService } from './uploads.service';
import { VisitorFileQuery } from '../widget/dto/visitor.dto';
import { ApiVisitorErrors } from '../widget/visitor-errors';
import { Idempotent } from '../idempotency/idempotent.decorator';

/**
 * Papercups' `/api/upload`: multipart `file` with `account_id` (and the visitor's `customer_id`), or an
 * agent's session. The bytes come back from `file_url` as an image the widget may show from any origin, or
 * as a download, never as a type a browser would run.
 */
@Credential('visitor')
@Controller('upload')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly access: VisitorAccess,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @RateLimit('per-visitor')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        account_id: { type: 'string', format: 'uuid' },
        customer_id: { type: 'string', format: 'uuid' },
      },
    },
  })
  @ApiVisitorErrors({ write: true })
  @ApiCreated(FileResponse)
  @Idempotent()
  @Post()
  async create(@Req() request: FastifyRequest): Promise<FileResponse> {
    if (!request.isMultipart()) throw badRequest('Send the file as multipart/form-data in the field "file"');
    const fields: Record<string, string> = {};
    let file: IncomingFile | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            part.file.resume();
            continue;
          }
          file = { filename: part.filename, mimetype: part.mimetype, body: await part.toBuffer() };
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw fileTooLarge(this.config.widget.uploadMaxBytes);
      }
      throw badRequest('Malformed multipart body');
    }
    if (!file) throw badRequest('Missing parameter: file', { file: ['is required'] });
    const agent = request.user;
    const { accountId } = await this.access.account(agent?.accountId ?? fields.account_id, request, { write: true });
    const customerId =
      agent || isUnset(fields.customer_id) ? null : (await this.access.customer(fields.customer_id, accountId)).id;
    return this.uploads.create(
      { accountId, customerId, userId: agent?.userId ?? null },
      file,
      publicBaseUrl(this.config, request),
    );
  }

  @ApiData(FileResponse)
  @Get(':id')
  async show(@Param() { id }: UuidParam): Promise<FileResponse> {
    return toFileResponse(await this.uploads.get(id));
  }

  /** The bytes: images inline, everything else as an attachment; sandboxed, nosniff, embeddable cross-origin. */
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The file: its image type for images, `application/octet-stream` (a download) for the rest.',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' }, example: '<the bytes>' } },
  })
  @Get(':id/content')
  async content(@Param() { id }: UuidParam, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { file, body } = await this.uploads.content(id);
    const inline = isInline(file.contentType);
    reply.headers({
      'content-type': inline ? file.contentType : 'application/octet-stream',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'private, max-age=86400',
    });
    return new StreamableFile(body);
  }

  /** An agent of the file's account (session), or the visitor that uploaded it (`customer_id`). */
  @ApiDeleted()
  @Delete(':id')
  @RateLimit('per-visitor')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(
    @Param() { id }: UuidParam,
    @Query() query: VisitorFileQuery,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    if (request.user) return this.uploads.remove(id, { accountId: request.user.accountId });
    if (isUnset(query.customer_id)) throw notFound();
    return this.uploads.remove(id, { customerId: String(query.customer_id).toLowerCase() });
  }
}
