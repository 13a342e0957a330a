import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { fileTooLarge, notFound, unsupportedFile } from '../common/errors';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { FileResponse } from './dto/file.response';
import { FileUpload } from './entities/file-upload.entity';
import { checkFileType, cleanFilename } from './file-types';
import { toFileResponse } from './file.mapper';
import { FILE_STORAGE, FileStorage, FileTooLargeError } from './storage/file-storage';

export interface UploadOwner {
  accountId: string;
  customerId: string | null;
  userId: number | null;
}

export interface IncomingFile {
  filename: string | undefined;
  mimetype: string | undefined;
  body: Buffer;
}

@Injectable()
export class UploadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Checks the type (images by their signature), stores the bytes, then records the file. */
  async create(owner: UploadOwner, file: IncomingFile, baseUrl: string): Promise<FileResponse> {
    const max = this.config.widget.uploadMaxBytes;
    if (file.body.length > max) throw fileTooLarge(max);
    const type = checkFileType(file.mimetype, file.body.subarray(0, 16));
    if (!type.ok) throw unsupportedFile(type.reason);
    const id = randomUUID();
    const filename = cleanFilename(file.filename);
    try {
      await this.storage.put(id, Readable.from(file.body), max);
    } catch (error) {
      if (error instanceof FileTooLargeError) throw fileTooLarge(max);
      throw error;
    }
    const row = this.db.manager.create(FileUpload, {
      id,
      ...owner,
      filename,
      uniqueFilename: `${id}-${filename}`,
      fileUrl: `${baseUrl}/api/upload/${id}/content`,
      contentType: type.contentType,
      byteSize: file.body.length,
      storageKey: id,
    });
    try {
      return toFileResponse(await this.db.manager.save(row));
    } catch (error) {
      await this.storage.delete(id);
      throw error;
    }
  }

  async get(id: string): Promise<FileUpload> {
    const file = await this.db.manager.findOneBy(FileUpload, { id });
    if (!file) throw notFound();
    return file;
  }

  async content(id: string): Promise<{ file: FileUpload; body: Readable }> {
    const file = await this.get(id);
    const body = file.storageKey ? await this.storage.get(file.storageKey) : null;
    if (!body) throw notFound();
    return { file, body };
  }

  /** By an agent of the file's account, or the visitor (customer) that uploaded it; others get a 404. */
  async remove(id: string, by: { accountId: string } | { customerId: string }): Promise<void> {
    const file = await this.get(id);
    const allowed = 'accountId' in by ? file.accountId === by.accountId : file.customerId === by.customerId;
    if (!allowed) throw notFound();
    await this.db.manager.delete(FileUpload, { id });
    if (file.storageKey) await this.storage.delete(file.storageKey);
  }
}
