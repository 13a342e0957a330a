import { Global, Inject, Module } from '@nestjs/common';
import { loadConfig } from './app.config';

/** The validated configuration (AppConfig), parsed once from the environment by loadConfig(). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** `@InjectConfig() private readonly config: AppConfig` in any provider; tests override APP_CONFIG. */
export const InjectConfig = () => Inject(APP_CONFIG);

/** Global: configuration is read everywhere, and there is exactly one of it. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig() }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
