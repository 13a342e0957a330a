import { Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppConfig } from '../../config/app.config';
import { InjectConfig } from '../../config/config.module';
import { FileStorage, FileTooLargeError } from './file-storage';

const KEY = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Files under `<DATA_DIR>/uploads/<key>`. Keys are server-made ids (checked, never a path); a file is
 * written to a temporary name and renamed, so a reader never sees half of one.
 */
@Injectable()
export class LocalDiskStorage implements FileStorage {
  private readonly root: string;

  constructor(@InjectConfig() config: AppConfig) {
    this.root = resolve(config.dataDir, 'uploads');
  }

  async put(key: string, body: Readable, maxBytes: number): Promise<number> {
    const path = this.path(key);
    const partial = `${path}.partial`;
    await mkdir(this.root, { recursive: true });
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > maxBytes ? new FileTooLargeError(maxBytes) : null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
      return size;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.path(key);
    const found = await stat(path).catch(() => null);
    return found?.isFile() ? createReadStream(path) : null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return join(this.root, key);
  }
}
