import { randomUUID } from 'node:crypto';
import type { AppConfig, RealtimeConfig } from '../config/app.config';
import { APP_CONFIG } from '../config/config.module';

/** The realtime part of the app-wide configuration (APP_CONFIG), injectable on its own. */
export const REALTIME_CONFIG = Symbol('REALTIME_CONFIG');
export const realtimeConfigProvider = {
  provide: REALTIME_CONFIG,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): RealtimeConfig => config.realtime,
};

/** This instance's id in `realtime_nodes`, on the bus, and in its presences; new at every start. */
export const NODE_ID = Symbol('REALTIME_NODE_ID');
export const nodeIdProvider = { provide: NODE_ID, useFactory: () => randomUUID() };
