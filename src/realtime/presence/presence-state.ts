import { randomBytes } from 'node:crypto';

/** What a channel tracks: the key groups one user's (or customer's) sockets; metas hold one entry per socket. */
export type PresenceMeta = Record<string, unknown>;

/** One tracked presence, as stored and as diffed. */
export interface PresenceEntry {
  key: string;
  ref: string;
  meta: PresenceMeta;
}

/** `presence_state` / Phoenix.Presence.list: `{key: {metas: [{...meta, phx_ref}]}}`. */
export type PresenceState = Record<string, { metas: PresenceMeta[] }>;

/** `presence_diff`: joins and leaves keyed the same way. */
export interface PresenceDiff {
  joins: PresenceState;
  leaves: PresenceState;
}

/** Phoenix uses 8 random bytes; the JS client only compares refs for equality. */
export const newPresenceRef = () => randomBytes(8).toString('base64url');

/** Entries in tracking order (Phoenix lists a key's metas oldest first). */
export function toPresenceState(entries: readonly PresenceEntry[]): PresenceState {
  const state: PresenceState = {};
  for (const { key, ref, meta } of entries) {
    (state[key] ??= { metas: [] }).metas.push({ ...meta, phx_ref: ref });
  }
  return state;
}

export const joinsDiff = (entries: readonly PresenceEntry[]): PresenceDiff => ({
  joins: toPresenceState(entries),
  leaves: {},
});

export const leavesDiff = (entries: readonly PresenceEntry[]): PresenceDiff => ({
  joins: {},
  leaves: toPresenceState(entries),
});

/** Rows removed together (a dead instance, a shutdown) become one leave diff per topic. */
export function leavesByTopic(rows: readonly (PresenceEntry & { topic: string })[]): Map<string, PresenceDiff> {
  const byTopic = new Map<string, PresenceEntry[]>();
  for (const { topic, ...entry } of rows) {
    const list = byTopic.get(topic);
    if (list) list.push(entry);
    else byTopic.set(topic, [entry]);
  }
  return new Map([...byTopic].map(([topic, entries]) => [topic, leavesDiff(entries)]));
}

/** Papercups' metas: `online_at` is `inspect(System.system_time(:second))`, a string of Unix seconds. */
export const onlineAt = (now = Date.now()) => String(Math.floor(now / 1000));
