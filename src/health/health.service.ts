import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthChecksResponse, HealthResponse, PongResponse } from './dto/health.response';

const CHECK_TIMEOUT_MS = 2000;

/** Readiness: the database answers and every migration this build knows has been applied. One query. */
@Injectable()
export class HealthService {
  private draining = false;

  constructor(private readonly db: DataSource) {}

  /** Called on SIGTERM: readiness fails at once so load balancers stop sending traffic. */
  markDraining(): void {
    this.draining = true;
  }

  /** Liveness: the process answers (no database access). */
  liveness(): HealthResponse {
    return { status: 'ok' };
  }

  /** Papercups' ping: echoes the query parameters. */
  ping(params: Record<string, unknown>): PongResponse {
    return { message: 'Pong!', params };
  }

  async readiness(): Promise<HealthResponse> {
    const applied = await this.appliedMigrations();
    const expected = this.db.migrations.map((m) => m.name ?? m.constructor.name);
    const checks: HealthChecksResponse = applied
      ? { database: 'up', migrations: expected.every((name) => applied.has(name)) ? 'up' : 'pending' }
      : { database: 'down', migrations: 'unknown' };
    const ok = !this.draining && checks.database === 'up' && checks.migrations === 'up';
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  private async appliedMigrations(): Promise<Set<string> | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), CHECK_TIMEOUT_MS);
    });
    const table = this.db.options.migrationsTableName ?? 'migrations';
    const query = this.db
      .query<{ name: string }[]>(`SELECT name FROM "${table}"`)
      .then((rows) => new Set(rows.map((row) => row.name)))
      .catch((error: { code?: string }) => (error.code === '42P01' ? new Set<string>() : undefined));
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
