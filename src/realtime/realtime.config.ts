import { randomUUID } from 'node:crypto';
import { loadConfig, RealtimeConfig } from '../config/app.config';

/**
 * The realtime module's configuration, read in this one place: switching to the app-wide config provider
 * means changing this factory only.
 */
export const REALTIME_CONFIG = Symbol('REALTIME_CONFIG');
export const realtimeConfigProvider = {
  provide: REALTIME_CONFIG,
  useFactory: (): RealtimeConfig => loadConfig().realtime,
};

/** This instance's id in `realtime_nodes`, on the bus, and in its presences; new at every start. */
export const NODE_ID = Symbol('REALTIME_NODE_ID');
export const nodeIdProvider = { provide: NODE_ID, useFactory: () => randomUUID() };
