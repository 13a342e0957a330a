import type { EntityManager } from 'typeorm';
import { MAX_PREPARED, queryArrays, usePreparedStatements } from './hot-query';

/** A manager that records the query configs TypeORM would hand to pg. */
function recordingManager() {
  const sent: { text: string; name?: string; rowMode?: string; asText: string }[] = [];
  const manager = {
    query: async (query: { text: string; name?: string; rowMode?: string }) => {
      sent.push({ ...query, asText: String(query) });
      return [];
    },
  } as unknown as EntityManager;
  return { manager, sent };
}

describe('hot queries', () => {
  afterEach(() => usePreparedStatements(true));

  it('name each text once (the same name for the same text), ask for array rows, and read as their SQL', async () => {
    const { manager, sent } = recordingManager();
    await queryArrays(manager, 'SELECT 1 AS spec_a', []);
    await queryArrays(manager, 'SELECT 2 AS spec_b', []);
    await queryArrays(manager, 'SELECT 1 AS spec_a', []);
    expect(sent.map((q) => q.rowMode)).toEqual(['array', 'array', 'array']);
    expect(sent[0].name).toMatch(/^hot_\d+$/);
    expect(sent[1].name).not.toBe(sent[0].name);
    expect(sent[2].name).toBe(sent[0].name);
    expect(sent[0].asText).toBe('SELECT 1 AS spec_a');
  });

  it('run unnamed when prepared statements are off', async () => {
    usePreparedStatements(false);
    const { manager, sent } = recordingManager();
    await queryArrays(manager, 'SELECT 3 AS spec_c', []);
    expect(sent[0].name).toBeUndefined();
  });

  it(`name at most ${MAX_PREPARED} texts; later ones run unnamed`, async () => {
    const { manager, sent } = recordingManager();
    for (let i = 0; i <= MAX_PREPARED; i++) await queryArrays(manager, `SELECT ${i} AS spec_many`, []);
    expect(new Set(sent.map((q) => q.name).filter(Boolean)).size).toBeLessThanOrEqual(MAX_PREPARED);
    expect(sent[sent.length - 1].name).toBeUndefined();
  });
});
