import { PhoenixMessage, Ref } from './phoenix-message';

/** A frame that is not a message of the negotiated protocol; the socket is closed (Phoenix crashes it). */
export class MalformedMessage extends Error {}

export type Vsn = '1.0.0' | '2.0.0';

export interface PhoenixSerializer {
  readonly vsn: Vsn;
  /** Throws MalformedMessage. */
  decode(text: string): PhoenixMessage;
  encode(message: PhoenixMessage): string;
}

const isRef = (value: unknown): value is Ref =>
  value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedMessage('not JSON');
  }
};

function checked(joinRef: unknown, ref: unknown, topic: unknown, event: unknown, payload: unknown): PhoenixMessage {
  if (!isRef(joinRef) || !isRef(ref)) throw new MalformedMessage('refs must be strings, numbers or null');
  if (typeof topic !== 'string' || typeof event !== 'string') {
    throw new MalformedMessage('topic and event must be strings');
  }
  return { joinRef, ref, topic, event, payload };
}

/** vsn 1.0.0: `{topic, event, payload, ref, join_ref?}` in, `{topic, event, payload, ref}` out (no join_ref). */
export const V1_SERIALIZER: PhoenixSerializer = {
  vsn: '1.0.0',
  decode(text) {
    const map = parse(text);
    if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new MalformedMessage('expected an object');
    const fields = map as Record<string, unknown>;
    for (const key of ['topic', 'event', 'payload', 'ref']) {
      if (!(key in fields)) throw new MalformedMessage(`missing key "${key}"`);
    }
    return checked(fields.join_ref ?? null, fields.ref, fields.topic, fields.event, fields.payload);
  },
  encode: ({ topic, event, payload, ref }) => JSON.stringify({ topic, event, payload, ref }),
};

/** vsn 2.0.0: `[join_ref, ref, topic, event, payload]` both ways (extra elements are ignored, as in Phoenix). */
export const V2_SERIALIZER: PhoenixSerializer = {
  vsn: '2.0.0',
  decode(text) {
    const list = parse(text);
    if (!Array.isArray(list) || list.length < 5)
      throw new MalformedMessage('expected [join_ref, ref, topic, event, payload]');
    return checked(list[0], list[1], list[2], list[3], list[4]);
  },
  encode: ({ joinRef, ref, topic, event, payload }) => JSON.stringify([joinRef, ref, topic, event, payload]),
};

/**
 * Phoenix's negotiation: no `vsn` means 1.0.0; `~> 1.0.0` and `~> 2.0.0` (same major and minor, any patch)
 * pick a serializer; anything else refuses the connection (null).
 */
export function serializerFor(vsn: string | null | undefined): PhoenixSerializer | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(vsn ?? '1.0.0');
  if (!match) return null;
  const [, major, minor] = match;
  if (minor !== '0') return null;
  if (major === '1') return V1_SERIALIZER;
  if (major === '2') return V2_SERIALIZER;
  return null;
}
