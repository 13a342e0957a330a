import type { Readable } from 'node:stream';

/**
 * Where uploaded bytes live. The default is LocalDiskStorage (under DATA_DIR); another backend (an
 * S3-compatible bucket) implements the same three calls and is bound to FILE_STORAGE instead.
 */
export interface FileStorage {
  /** Stores the stream under `key`; resolves with the byte count, rejects (and keeps nothing) past `maxBytes`. */
  put(key: string, body: Readable, maxBytes: number): Promise<number>;
  /** The stored bytes, or null when nothing is stored under `key`. */
  get(key: string): Promise<Readable | null>;
  /** Idempotent. */
  delete(key: string): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than ${maxBytes} bytes`);
  }
}
