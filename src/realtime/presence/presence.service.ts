import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RealtimeConfig } from '../../config/app.config';
import { NODE_ID, REALTIME_CONFIG } from '../realtime.config';
import { Realtime } from '../realtime.service';
import {
  joinsDiff,
  leavesByTopic,
  leavesDiff,
  newPresenceRef,
  PresenceEntry,
  PresenceMeta,
  PresenceState,
  toPresenceState,
} from './presence-state';

/** A presence this instance tracks; `ref` changes if the instance has to re-register. */
export interface Tracked extends PresenceEntry {
  topic: string;
  /** Resolves once the row is written (or failed), so an untrack never overtakes its track. */
  written: Promise<void>;
}

/** Who gets a fresh `presence_state` when the bus resumes after a gap. */
export interface PresenceWatcher {
  push(event: string, payload: unknown): void;
}

type Row = { topic: string; key: string; ref: string; meta: PresenceMeta };

const FOREIGN_KEY_VIOLATION = '23503';

/** A dead node's presences go with it, in one statement, so exactly one sweeping instance broadcasts the leaves. */
const SWEEP_SQL = `
WITH dead AS (
  DELETE FROM realtime_nodes WHERE heartbeat_at < now() - make_interval(secs => $1) RETURNING id
)
DELETE FROM realtime_presences p USING dead WHERE p.node_id = dead.id
RETURNING p.topic, p.key, p.phx_ref AS ref, p.meta`;

/**
 * Phoenix.Presence across instances, with PostgreSQL as the shared state: each tracked presence is a row
 * owned by its instance; `presence_diff` goes out through the bus after the write; `presence_state` is
 * read back from the table, counting only instances that heartbeat. An instance that misses heartbeats
 * for REALTIME_NODE_TIMEOUT_MS is swept by whichever live instance gets there first, and its presences
 * leave. One that finds itself swept (a long pause) re-registers and re-tracks its sockets under new refs.
 */
@Injectable()
export class PresenceService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Presence');
  private readonly tracked = new Set<Tracked>();
  private readonly watchers = new Map<string, Set<PresenceWatcher>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private reregistering: Promise<void> | null = null;
  private stopped = false;
  private readonly timeoutSecs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_ID) private readonly nodeId: string,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
    private readonly realtime: Realtime,
  ) {
    this.timeoutSecs = config.nodeTimeoutMs / 1000;
    realtime.onBusResume(() => void this.resync());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.tick(), this.config.nodeHeartbeatMs);
    this.timer.unref();
  }

  /** Presence.track: the row, then a join diff to the topic. */
  track(topic: string, key: string, meta: PresenceMeta): Tracked {
    const entry = { topic, key, ref: newPresenceRef(), meta } as Tracked;
    this.tracked.add(entry);
    entry.written = this.write(entry);
    return entry;
  }

  /** Presence.untrack: deletes the row and broadcasts the leave (unless a sweep already did). */
  async untrack(entry: Tracked): Promise<void> {
    await entry.written;
    if (!this.tracked.delete(entry) || this.stopped) return;
    const [rows] = await this.db.query<[Row[], number]>(
      `DELETE FROM realtime_presences WHERE phx_ref = $1 RETURNING 1`,
      [entry.ref],
    );
    if (rows.length) await this.realtime.broadcast(entry.topic, 'presence_diff', leavesDiff([entry]));
  }

  /** Presence.list: every live instance's presences on the topic. */
  async list(topic: string): Promise<PresenceState> {
    const rows = await this.db.query<Row[]>(
      `SELECT p.key, p.phx_ref AS ref, p.meta FROM realtime_presences p JOIN realtime_nodes n ON n.id = p.node_id
       WHERE p.topic = $1 AND n.heartbeat_at > now() - make_interval(secs => $2) ORDER BY p.id`,
      [topic, this.timeoutSecs],
    );
    return toPresenceState(rows);
  }

  /** Registers a socket that shows the topic's presence list; returns the way to unregister it. */
  watch(topic: string, watcher: PresenceWatcher): () => void {
    let set = this.watchers.get(topic);
    if (!set) this.watchers.set(topic, (set = new Set()));
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (!set.size) this.watchers.delete(topic);
    };
  }

  /** Shutdown: all of this instance's presences leave at once, then the node row goes. */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.tracked].map((entry) => entry.written));
    this.tracked.clear();
    try {
      const [rows] = await this.db.query<[Row[], number]>(
        `DELETE FROM realtime_presences WHERE node_id = $1 RETURNING topic, key, phx_ref AS ref, meta`,
        [this.nodeId],
      );
      await this.broadcastLeaves(rows);
      await this.db.query(`DELETE FROM realtime_nodes WHERE id = $1`, [this.nodeId]);
    } catch (error) {
      this.logger.warn(`presence cleanup failed (other instances will sweep it): ${(error as Error).message}`);
    }
  }

  private async write(entry: Tracked): Promise<void> {
    try {
      await this.db.query(
        `INSERT INTO realtime_presences (node_id, topic, key, phx_ref, meta) VALUES ($1, $2, $3, $4, $5)`,
        [this.nodeId, entry.topic, entry.key, entry.ref, JSON.stringify(entry.meta)],
      );
      await this.realtime.broadcast(entry.topic, 'presence_diff', joinsDiff([entry]));
    } catch (error) {
      // Swept while alive: re-registering re-tracks this entry with the others.
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) void this.reregister();
      else this.logger.warn(`cannot track ${entry.key} on ${entry.topic}: ${(error as Error).message}`);
    }
  }

  private async register(): Promise<void> {
    await this.db.query(
      `INSERT INTO realtime_nodes (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
      [this.nodeId],
    );
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const [, alive] = await this.db.query<[unknown, number]>(
        `UPDATE realtime_nodes SET heartbeat_at = now() WHERE id = $1`,
        [this.nodeId],
      );
      if (!alive) await this.reregister();
      const [gone] = await this.db.query<[Row[], number]>(SWEEP_SQL, [this.timeoutSecs]);
      await this.broadcastLeaves(gone);
      await this.db.query(`DELETE FROM realtime_payloads WHERE created_at < now() - interval '1 minute'`);
    } catch (error) {
      this.logger.warn(`presence heartbeat failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  private reregister(): Promise<void> {
    this.reregistering ??= this.rewriteAll().finally(() => (this.reregistering = null));
    return this.reregistering;
  }

  /** Our rows were swept (their leaves announced): start over under new refs, so old leaves and new joins commute. */
  private async rewriteAll(): Promise<void> {
    if (this.stopped) return;
    this.logger.warn('this instance was presumed dead; re-registering its presences');
    const [stale] = await this.db.query<[Row[], number]>(
      `DELETE FROM realtime_presences WHERE node_id = $1 RETURNING topic, key, phx_ref AS ref, meta`,
      [this.nodeId],
    );
    await this.broadcastLeaves(stale);
    await this.register();
    for (const entry of this.tracked) {
      entry.ref = newPresenceRef();
      entry.written = this.write(entry);
    }
  }

  private async broadcastLeaves(rows: Row[]): Promise<void> {
    for (const [topic, diff] of leavesByTopic(rows)) await this.realtime.broadcast(topic, 'presence_diff', diff);
  }

  /** After a bus gap, diffs may be missing: every watching socket gets the full state again. */
  private async resync(): Promise<void> {
    for (const [topic, watchers] of this.watchers) {
      try {
        const state = await this.list(topic);
        for (const watcher of watchers) watcher.push('presence_state', state);
      } catch (error) {
        this.logger.warn(`presence resync of ${topic} failed: ${(error as Error).message}`);
      }
    }
  }
}
