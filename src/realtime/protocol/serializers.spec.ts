import * as phoenix from 'phoenix';
import { MalformedMessage, serializerFor, V1_SERIALIZER, V2_SERIALIZER } from './serializers';

/** The client's own serializer (exported by the package, absent from @types/phoenix). */
const { Serializer } = phoenix as unknown as {
  Serializer: {
    encode(message: object, callback: (encoded: string) => void): void;
    decode(raw: string, callback: (decoded: object) => void): void;
  };
};

const message = { joinRef: '1', ref: '2', topic: 'room:a', event: 'phx_join', payload: { a: [1, 'b'] } };

describe('Phoenix serializers', () => {
  it('vsn 2.0.0 decodes what the official client encodes, and the client decodes what it encodes', () => {
    let wire = '';
    Serializer.encode(
      { join_ref: '1', ref: '2', topic: 'room:a', event: 'phx_join', payload: { a: [1, 'b'] } },
      (s) => {
        wire = s as string;
      },
    );
    expect(V2_SERIALIZER.decode(wire)).toEqual(message);
    let decoded: unknown;
    Serializer.decode(V2_SERIALIZER.encode({ ...message, event: 'phx_reply' }), (m) => (decoded = m));
    expect(decoded).toEqual({ join_ref: '1', ref: '2', topic: 'room:a', event: 'phx_reply', payload: { a: [1, 'b'] } });
    expect(V2_SERIALIZER.encode({ ...message, joinRef: null, ref: null })).toBe(
      '[null,null,"room:a","phx_join",{"a":[1,"b"]}]',
    );
  });

  it('vsn 2.0.0 ignores elements past the fifth, as Phoenix does', () => {
    expect(V2_SERIALIZER.decode('[null,"1","phoenix","heartbeat",{},"extra"]')).toEqual({
      joinRef: null,
      ref: '1',
      topic: 'phoenix',
      event: 'heartbeat',
      payload: {},
    });
  });

  it('vsn 1.0.0: join_ref is optional in, never sent out', () => {
    expect(V1_SERIALIZER.decode('{"topic":"t","event":"e","payload":null,"ref":null}')).toEqual({
      joinRef: null,
      ref: null,
      topic: 't',
      event: 'e',
      payload: null,
    });
    expect(V1_SERIALIZER.decode('{"topic":"t","event":"e","payload":{},"ref":"3","join_ref":"2"}').joinRef).toBe('2');
    expect(JSON.parse(V1_SERIALIZER.encode(message))).toEqual({
      topic: 'room:a',
      event: 'phx_join',
      payload: { a: [1, 'b'] },
      ref: '2',
    });
  });

  it.each([
    [V2_SERIALIZER, '', 'not JSON'],
    [V2_SERIALIZER, '{"topic":"t"}', 'expected [join_ref, ref, topic, event, payload]'],
    [V2_SERIALIZER, '[null,"1","t","e"]', 'expected [join_ref, ref, topic, event, payload]'],
    [V2_SERIALIZER, '[null,"1",["t"],"e",{}]', 'topic and event must be strings'],
    [V2_SERIALIZER, '[true,"1","t","e",{}]', 'refs must be strings, numbers or null'],
    [V1_SERIALIZER, '[]', 'expected an object'],
    [V1_SERIALIZER, 'null', 'expected an object'],
    [V1_SERIALIZER, '{"topic":"t","event":"e","payload":{}}', 'missing key "ref"'],
    [V1_SERIALIZER, '{"topic":"t","event":"e","ref":"1"}', 'missing key "payload"'],
  ])('%#: %s is malformed (%s)', (serializer, text, reason) => {
    expect(() => serializer.decode(text)).toThrow(new MalformedMessage(reason));
  });

  it('negotiates like Phoenix: no vsn is 1.0.0, ~> 1.0.0 and ~> 2.0.0 match, anything else does not', () => {
    expect(serializerFor(undefined)).toBe(V1_SERIALIZER);
    expect(serializerFor('1.0.0')).toBe(V1_SERIALIZER);
    expect(serializerFor('1.0.7')).toBe(V1_SERIALIZER);
    expect(serializerFor('2.0.0')).toBe(V2_SERIALIZER);
    expect(serializerFor('2.0.3')).toBe(V2_SERIALIZER);
    for (const vsn of ['2.1.0', '3.0.0', '1.1.0', '2', '2.0', 'v2.0.0', '2.0.0-rc', '']) {
      expect(serializerFor(vsn)).toBeNull();
    }
  });
});
