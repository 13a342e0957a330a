import { Presence } from 'phoenix';
import {
  joinsDiff,
  leavesByTopic,
  leavesDiff,
  newPresenceRef,
  onlineAt,
  PresenceState,
  toPresenceState,
} from './presence-state';

const tab1 = { key: 'user:1', ref: 'r1', meta: { online_at: '1700000000', user_id: 1 } };
const tab2 = { key: 'user:1', ref: 'r2', meta: { online_at: '1700000005', user_id: 1 } };
const visitor = { key: 'customer:c', ref: 'r3', meta: { online_at: '1700000001', customer_id: 'c' } };

/** What the official client holds after a state and some diffs (Presence.syncState / syncDiff). */
const clientView = (state: PresenceState, ...diffs: ReturnType<typeof joinsDiff>[]) =>
  diffs.reduce((current, diff) => Presence.syncDiff(current, diff), Presence.syncState({}, state));

describe('presence state and diffs', () => {
  it('lists a key once with one meta per tracked socket, phx_ref added, oldest first', () => {
    expect(toPresenceState([tab1, visitor, tab2])).toEqual({
      'user:1': {
        metas: [
          { online_at: '1700000000', user_id: 1, phx_ref: 'r1' },
          { online_at: '1700000005', user_id: 1, phx_ref: 'r2' },
        ],
      },
      'customer:c': { metas: [{ online_at: '1700000001', customer_id: 'c', phx_ref: 'r3' }] },
    });
    expect(toPresenceState([])).toEqual({});
  });

  it('diffs as the client applies them: a key stays while one of its metas remains', () => {
    const afterJoin = clientView(toPresenceState([tab1]), joinsDiff([tab2]), joinsDiff([visitor]));
    expect(afterJoin).toEqual(toPresenceState([tab1, tab2, visitor]));
    expect(clientView(toPresenceState([tab1, tab2]), leavesDiff([tab1]))).toEqual(toPresenceState([tab2]));
    expect(clientView(toPresenceState([tab1, tab2]), leavesDiff([tab1, tab2]))).toEqual({});
  });

  it('is safe for the races of a join: a diff already in the state, a leave of what the state lacks', () => {
    // The state was read after the row was written, and the join diff arrives afterwards.
    expect(clientView(toPresenceState([tab1]), joinsDiff([tab1]))).toEqual(toPresenceState([tab1]));
    // The state was read after the row was deleted, and the leave arrives afterwards.
    expect(clientView(toPresenceState([visitor]), leavesDiff([tab1]))).toEqual(toPresenceState([visitor]));
    // A re-registered instance's new refs and the sweep's leaves of the old ones commute.
    const renamed = { ...tab1, ref: 'r9' };
    const state = toPresenceState([tab1]);
    expect(clientView(state, leavesDiff([tab1]), joinsDiff([renamed]))).toEqual(toPresenceState([renamed]));
    expect(clientView(state, joinsDiff([renamed]), leavesDiff([tab1]))).toEqual(toPresenceState([renamed]));
  });

  it('groups removed rows into one leave diff per topic', () => {
    const diffs = leavesByTopic([
      { topic: 'room:a', ...tab1 },
      { topic: 'notification:a', ...visitor },
      { topic: 'room:a', ...tab2 },
    ]);
    expect([...diffs.keys()]).toEqual(['room:a', 'notification:a']);
    expect(diffs.get('room:a')).toEqual({ joins: {}, leaves: toPresenceState([tab1, tab2]) });
    expect(diffs.get('notification:a')).toEqual({ joins: {}, leaves: toPresenceState([visitor]) });
    expect(leavesByTopic([]).size).toBe(0);
  });

  it('makes distinct refs and Papercups’ online_at (Unix seconds as a string)', () => {
    const refs = new Set(Array.from({ length: 1000 }, newPresenceRef));
    expect(refs.size).toBe(1000);
    expect([...refs].every((ref) => /^[A-Za-z0-9_-]{11}$/.test(ref))).toBe(true);
    expect(onlineAt(1_700_000_000_999)).toBe('1700000000');
  });
});
