import { applyDecorators } from '@nestjs/common';
import { Check, ColumnOptions, CreateDateColumn, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';

/** Millisecond precision so a timestamp survives a round trip through a JS Date (keyset cursors rely on it). */
export const TIMESTAMP: ColumnOptions = { type: 'timestamptz', precision: 3 };

export const CreatedAt = () => CreateDateColumn({ ...TIMESTAMP, name: 'created_at' } as never);
export const UpdatedAt = () => UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' } as never);

/** A foreign key with its ON DELETE rule, declared so `migration:generate` sees the schema as it is. */
export const BelongsTo = <T>(target: () => new () => T, column: string, onDelete: 'CASCADE' | 'SET NULL') =>
  applyDecorators(ManyToOne(target, { onDelete }), JoinColumn({ name: column }));

/** Indexes written by hand in migrations (partial, trigram, DESC): known to TypeORM, never generated. */
export const HandWrittenIndexes = (...names: string[]) =>
  applyDecorators(...names.map((name) => Index(name, { synchronize: false })));

/** `CHECK (<column> IN ('a', 'b'))` from the enum's own values, worded as the migrations wrote it. */
export const CheckIn = (name: string, column: string, values: readonly string[]) =>
  Check(name, `${column} IN (${values.map((value) => `'${value}'`).join(', ')})`);
