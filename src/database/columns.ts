import { ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** Millisecond precision so a timestamp survives a round trip through a JS Date (keyset cursors rely on it). */
export const TIMESTAMP: ColumnOptions = { type: 'timestamptz', precision: 3 };

export const CreatedAt = () => CreateDateColumn({ ...TIMESTAMP, name: 'created_at' } as never);
export const UpdatedAt = () => UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' } as never);
