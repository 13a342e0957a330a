import { HealthService } from '../../src/health/health.service';
import { createTestApp, TestApp } from '../support/test-app';

describe('health probes and ping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /health/live answers 200 without credentials or database', async () => {
    const res = await t.request('GET', '/health/live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('GET /health/ready answers 200 when the database answers and every migration is applied', async () => {
    const res = await t.request('GET', '/health/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'up', migrations: 'up' } });
  });

  it('GET /health/ready answers 503 while a migration is pending', async () => {
    const [row] = await t.db.query('SELECT timestamp, name FROM schema_migrations ORDER BY id DESC LIMIT 1');
    await t.db.query('DELETE FROM schema_migrations WHERE name = $1', [row.name]);
    try {
      const res = await t.request('GET', '/health/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', checks: { database: 'up', migrations: 'pending' } });
    } finally {
      await t.db.query('INSERT INTO schema_migrations (timestamp, name) VALUES ($1, $2)', [row.timestamp, row.name]);
    }
    expect((await t.request('GET', '/health/ready')).statusCode).toBe(200);
  });

  it('the probes are not under /api and not versioned', async () => {
    expect((await t.request('GET', '/api/health/live')).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/health/ready')).statusCode).toBe(404);
  });

  it("GET /api/ping answers Papercups' Pong! with the query parameters, no credentials needed", async () => {
    const res = await t.request('GET', '/api/ping?a=1&nested[b]=2');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { message: 'Pong!', params: { a: '1', nested: { b: '2' } } } });
    expect((await t.request('GET', '/api/ping')).json()).toEqual({ data: { message: 'Pong!', params: {} } });
  });

  it('GET /health/ready answers 503 once shutdown has begun (draining)', async () => {
    t.app.get(HealthService).markDraining();
    const res = await t.request('GET', '/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', checks: { database: 'up', migrations: 'up' } });
    expect((await t.request('GET', '/health/live')).statusCode).toBe(200);
  });
});

describe('health when the database is gone', () => {
  it('GET /health/ready answers 503 with database down; /health/live stays 200', async () => {
    const t = await createTestApp();
    try {
      const name = (await t.db.query('SELECT current_database() AS name'))[0].name;
      const admin = new URL(process.env.DATABASE_URL!);
      const { Client } = await import('pg');
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await client.end();
      const started = Date.now();
      const res = await t.request('GET', '/health/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', checks: { database: 'down', migrations: 'unknown' } });
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await t.request('GET', '/health/live')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
