import type { EntityMetadata } from 'typeorm';
import { EntityColumns, JoinedColumns } from './entity-columns';

/** The part of TypeORM's metadata EntityColumns reads. */
const metadata = (id: string, columns: [string, string, { select?: boolean; virtual?: boolean }?][]) =>
  ({
    columns: columns.map(([propertyName, databaseName, flags = {}]) => ({
      propertyName,
      databaseName,
      isSelect: flags.select ?? true,
      isVirtual: flags.virtual ?? false,
    })),
    primaryColumns: [{ propertyName: id }],
  }) as unknown as EntityMetadata;

const user = metadata('id', [
  ['id', 'id'],
  ['email', 'email'],
  ['passwordHash', 'password_hash', { select: false }],
  ['createdAt', 'created_at'],
  ['profileCount', 'profile_count', { virtual: true }],
]);
const profile = metadata('id', [
  ['id', 'id'],
  ['userId', 'user_id'],
  ['fullName', 'full_name'],
  ['slackUserId', 'slack_user_id'],
]);

describe('EntityColumns', () => {
  it('selects the selectable, stored columns under the alias and reads them back by position', () => {
    const columns = new EntityColumns<{ id: number; email: string; createdAt: string }>(user, 'u');
    expect(columns.select).toBe('u.id, u.email, u.created_at');
    expect(columns.width).toBe(3);
    expect(columns.read([7, 'a@example.com', 'then'])).toEqual({ id: 7, email: 'a@example.com', createdAt: 'then' });
  });

  it('narrows to the given properties, always keeping the id', () => {
    const columns = new EntityColumns<{ id: string; fullName: string }>(profile, 'p', ['fullName']);
    expect(columns.select).toBe('p.id, p.full_name');
    expect(columns.read(['x', 'Ada'])).toEqual({ id: 'x', fullName: 'Ada' });
  });

  it('reads null for an outer join that found nothing (a null id)', () => {
    const columns = new EntityColumns(profile, 'p');
    expect(columns.read([1, 'u', null, null, null, null], 2)).toBeNull();
  });
});

describe('JoinedColumns', () => {
  it("lists every part's columns and where each starts; extra expressions begin at width", () => {
    const users = new EntityColumns<{ id: number }>(user, 'u');
    const profiles = new EntityColumns<{ id: string; fullName: string }>(profile, 'p', ['fullName']);
    const joined = new JoinedColumns([users, profiles]);
    expect(joined.select).toBe('u.id, u.email, u.created_at, p.id, p.full_name');
    expect(joined.at).toEqual([0, 3]);
    expect(joined.width).toBe(5);
    const row = [7, 'a@example.com', 'then', 'x', 'Ada', '[]'];
    expect(profiles.read(row, joined.at[1])).toEqual({ id: 'x', fullName: 'Ada' });
    expect(row[joined.width]).toBe('[]');
  });
});
