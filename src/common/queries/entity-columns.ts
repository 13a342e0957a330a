import type { EntityMetadata, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { ArrayRow } from './hot-query';

/**
 * An entity's columns under a SQL alias, for the hand-written hot reads: `select` lists them, `read(row, at)`
 * makes the entity-shaped object of the `width` values from `row[at]` (null when its id is null: an outer
 * join that found nothing). Built once from TypeORM's metadata, so a new column reaches the hot reads by
 * itself, and the values are those TypeORM's hydration gives (the same pg type parsers, typeorm.options.ts)
 * without the query builder and hydration it costs per row. `only` narrows it to the properties a mapper
 * reads (an embedded sender renders a third of a customer's columns): fewer values to parse per row.
 */
export class EntityColumns<T extends ObjectLiteral> {
  readonly select: string;
  readonly width: number;
  private readonly properties: string[];
  private readonly idIndex: number;

  constructor(metadata: EntityMetadata, alias: string, only?: readonly (keyof T & string)[]) {
    const id = metadata.primaryColumns[0].propertyName;
    const columns = metadata.columns.filter(
      (c) => !c.isVirtual && c.isSelect && (!only || c.propertyName === id || only.includes(c.propertyName as never)),
    );
    this.select = columns.map((c) => `${alias}.${c.databaseName}`).join(', ');
    this.width = columns.length;
    this.properties = columns.map((c) => c.propertyName);
    this.idIndex = this.properties.indexOf(id);
  }

  /** The columns of `entity` under `alias`, from the metadata of the data source `repository` belongs to. */
  static of<T extends ObjectLiteral>(
    repository: Repository<object>,
    entity: EntityTarget<T>,
    alias: string,
    only?: readonly (keyof T & string)[],
  ) {
    return new EntityColumns<T>(repository.manager.connection.getMetadata(entity), alias, only);
  }

  read(row: ArrayRow, at = 0): T | null {
    if (row[at + this.idIndex] == null) return null;
    const entity: Record<string, unknown> = {};
    for (let i = 0; i < this.properties.length; i++) entity[this.properties[i]] = row[at + i];
    return entity as T;
  }
}

/**
 * Several entities' columns side by side in one SELECT: `select` lists them all, `at[i]` is where the i-th
 * starts in a row, and `width` is where the expressions written after `select` begin.
 */
export class JoinedColumns {
  readonly select: string;
  readonly at: number[];
  readonly width: number;

  constructor(parts: readonly EntityColumns<ObjectLiteral>[]) {
    this.select = parts.map((part) => part.select).join(', ');
    this.at = [];
    let width = 0;
    for (const part of parts) {
      this.at.push(width);
      width += part.width;
    }
    this.width = width;
  }
}
