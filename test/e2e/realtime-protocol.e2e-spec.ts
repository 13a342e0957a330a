import { createAccount, TestAccount } from '../support/factories';
import { RawSocket, socketBase } from '../support/phoenix';
import { createTestApp, TestApp } from '../support/test-app';

const LIMITS = {
  REALTIME_MAX_FRAME_BYTES: '2048',
  REALTIME_MAX_CHANNELS_PER_SOCKET: '2',
  REALTIME_MAX_CONNECTIONS_PER_IP: '6',
  REALTIME_MAX_MESSAGES_PER_SECOND: '10',
  REALTIME_IDLE_TIMEOUT_MS: '1000',
};

/**
 * The wire protocol frame by frame, with a bare WebSocket: what Phoenix answers (refs, join_refs, lifecycle
 * events), what it closes on, and the limits (set low here through the environment).
 */
describe('real-time protocol (raw frames) and limits', () => {
  let t: TestApp;
  let base: string;
  let acme: TestAccount;
  const sockets: RawSocket[] = [];

  const open = async (query = 'vsn=2.0.0') => {
    const socket = await RawSocket.open(`${base}/websocket?${query}`);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    Object.assign(process.env, LIMITS);
    // A short HTTP request timeout: sockets must outlive it (they are no HTTP requests once upgraded).
    t = await createTestApp({ config: { requestTimeoutMs: 1000 } });
    for (const name of Object.keys(LIMITS)) delete process.env[name];
    await t.app.listen(0, '127.0.0.1');
    base = socketBase(t);
    acme = await createAccount(t);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('vsn 2.0.0: arrays; heartbeat, unmatched topics, leave of an unjoined topic', async () => {
    const socket = await open();
    socket.send([null, '1', 'phoenix', 'heartbeat', {}]);
    expect(await socket.frame(1)).toEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
    socket.send(['2', '3', 'nowhere:1', 'phx_join', {}]);
    expect(await socket.frame(2)).toEqual([
      null,
      '3',
      'nowhere:1',
      'phx_reply',
      { status: 'error', response: { reason: 'unmatched topic' } },
    ]);
    socket.send(['2', '4', `room:${acme.accountId}`, 'shout', {}]);
    expect(await socket.frame(3)).toEqual([
      null,
      '4',
      `room:${acme.accountId}`,
      'phx_reply',
      { status: 'error', response: { reason: 'unmatched topic' } },
    ]);
    socket.send(['7', '8', `room:${acme.accountId}`, 'phx_leave', {}]);
    expect(await socket.frame(4)).toEqual([
      '7',
      '8',
      `room:${acme.accountId}`,
      'phx_reply',
      { status: 'ok', response: {} },
    ]);
  });

  it('vsn 1.0.0 (also when vsn is missing): objects, without join_ref', async () => {
    for (const query of ['vsn=1.0.0', 'account_id=x']) {
      const socket = await open(query);
      socket.send({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: 9 });
      expect(await socket.frame(1)).toEqual({
        topic: 'phoenix',
        event: 'phx_reply',
        payload: { status: 'ok', response: {} },
        ref: 9,
      });
      socket.send({ topic: `room:${acme.accountId}`, event: 'phx_join', payload: {}, ref: '1', join_ref: '1' });
      expect(await socket.frame(2)).toEqual({
        topic: `room:${acme.accountId}`,
        event: 'phx_reply',
        payload: { status: 'ok', response: {} },
        ref: '1',
      });
      expect(await socket.frame(3)).toEqual({
        topic: `room:${acme.accountId}`,
        event: 'presence_state',
        payload: {},
        ref: null,
      });
    }
  });

  it('refuses other serializer versions (403) and other paths (404)', async () => {
    expect(await RawSocket.refusal(`${base}/websocket?vsn=3.0.0`)).toBe(403);
    expect(await RawSocket.refusal(`${base}/websocket?vsn=2.1.0`)).toBe(403);
    expect(await RawSocket.refusal(`${base}/websocket?vsn=latest`)).toBe(403);
    expect(await RawSocket.refusal(`${base}/longpoll?vsn=2.0.0`)).toBe(404);
    expect(await RawSocket.refusal(`${base.replace('/socket', '/api/socket')}/websocket`)).toBe(404);
  });

  it('join replies carry the join_ref; leave is answered, then phx_close; a duplicate join closes the old one', async () => {
    const socket = await open();
    const room = `room:${acme.accountId}`;
    socket.send(['1', '1', room, 'phx_join', { any: 'payload' }]);
    expect(await socket.frame(1)).toEqual(['1', '1', room, 'phx_reply', { status: 'ok', response: {} }]);
    expect(await socket.frame(2)).toEqual(['1', null, room, 'presence_state', {}]);
    socket.send(['5', '5', room, 'phx_join', {}]);
    expect(await socket.frame(3)).toEqual(['5', '5', room, 'phx_reply', { status: 'ok', response: {} }]);
    expect(await socket.frame(4)).toEqual(['1', '1', room, 'phx_close', {}]);
    expect(await socket.frame(5)).toEqual(['5', null, room, 'presence_state', {}]);
    socket.send(['5', '6', room, 'ping', 'not an object']);
    expect(await socket.frame(6)).toEqual(['5', '6', room, 'phx_reply', { status: 'ok', response: {} }]);
    // A leave naming an older join raced a server close: Phoenix ignores it.
    socket.send(['1', '7', room, 'phx_leave', {}]);
    socket.send(['5', '8', room, 'phx_leave', {}]);
    expect(await socket.frame(7)).toEqual(['5', '8', room, 'phx_reply', { status: 'ok', response: {} }]);
    expect(await socket.frame(8)).toEqual(['5', '5', room, 'phx_close', {}]);
    socket.send(['5', '9', room, 'ping', {}]);
    expect(await socket.frame(9)).toEqual([
      null,
      '9',
      room,
      'phx_reply',
      { status: 'error', response: { reason: 'unmatched topic' } },
    ]);
  });

  it.each([
    ['not JSON', '{nope', 1007],
    [
      'an object under vsn 2.0.0',
      JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '1' }),
      1007,
    ],
    ['a short array', JSON.stringify([null, '1', 'phoenix']), 1007],
    ['a topic that is not a string', JSON.stringify([null, '1', 42, 'heartbeat', {}]), 1007],
    ['a ref that is an object', JSON.stringify([null, {}, 'phoenix', 'heartbeat', {}]), 1007],
    ['a binary frame', Buffer.from([0, 1, 2]), 1003],
  ])('closes the socket on %s (%#)', async (_what, frame, code) => {
    const socket = await open();
    socket.send(frame);
    expect((await socket.closed()).code).toBe(code);
  });

  it('closes on a v1 frame without a required key, and on a frame above REALTIME_MAX_FRAME_BYTES (1009)', async () => {
    const v1 = await open('vsn=1.0.0');
    v1.send({ topic: 'phoenix', event: 'heartbeat', payload: {} });
    expect((await v1.closed()).code).toBe(1007);
    const big = await open();
    big.send([null, '1', 'phoenix', 'heartbeat', { padding: 'x'.repeat(4096) }]);
    expect((await big.closed()).code).toBe(1009);
    // The server is fine: a new socket heartbeats.
    const next = await open();
    next.send([null, '1', 'phoenix', 'heartbeat', {}]);
    expect(await next.frame(1)).toEqual([null, '1', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
  });

  it('REALTIME_MAX_CHANNELS_PER_SOCKET: further joins are refused; a refused join holds no slot', async () => {
    const agent = await open(`vsn=2.0.0&token=${acme.token}`);
    agent.send(['1', '1', `room:${acme.accountId}`, 'phx_join', {}]);
    agent.send(['2', '2', 'conversation:lobby:not-a-customer', 'phx_join', {}]);
    agent.send(['3', '3', `notification:${acme.accountId}`, 'phx_join', {}]);
    agent.send(['4', '4', `room:${acme.accountId}`.replace('room', 'issue:lobby'), 'phx_join', {}]);
    // Frames are handled in order (heartbeats excepted): this reply comes after the joins'.
    agent.send(['1', 'done', `room:${acme.accountId}`, 'ping', {}]);
    await agent.until((frames) => frames.some((f: any) => f[1] === 'done'));
    const replies = agent.frames.filter((f: any) => f[3] === 'phx_reply' && f[1] !== 'done');
    expect(replies.map((f: any) => [f[1], f[4].status, f[4].response.reason])).toEqual([
      ['1', 'ok', undefined],
      ['2', 'error', 'unauthorized'],
      ['3', 'ok', undefined],
      ['4', 'error', 'too many channels'],
    ]);
  });

  it('REALTIME_MAX_MESSAGES_PER_SECOND: past the limit pushes are refused, past twice the limit the socket closes', async () => {
    const socket = await open();
    for (let i = 1; i <= 15; i++) socket.send([null, String(i), 'room:x', 'ping', {}]);
    socket.send([null, 'hb', 'phoenix', 'heartbeat', {}]);
    await socket.frame(16);
    const reasons = socket.frames.map((f: any) => f[4].response.reason ?? f[4].status);
    expect(reasons.filter((r) => r === 'unmatched topic')).toHaveLength(10);
    expect(reasons.filter((r) => r === 'too many messages')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'ok')).toHaveLength(1); // heartbeats are never limited
    for (let i = 0; i < 10; i++) socket.send([null, 'x', 'room:x', 'ping', {}]);
    expect(await socket.closed()).toEqual({ code: 1008, reason: 'too many messages' });
  });

  it('REALTIME_MAX_CONNECTIONS_PER_IP: the next upgrade answers 429, and a slot frees when a socket closes', async () => {
    for (let i = 0; i < 6; i++) await open();
    expect(await RawSocket.refusal(`${base}/websocket?vsn=2.0.0`)).toBe(429);
    const last = sockets.pop()!;
    last.send('garbage');
    await last.closed();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await open();
  });

  it('REALTIME_IDLE_TIMEOUT_MS: a silent socket is closed; frames keep it open', async () => {
    const silent = await open();
    const chatty = await open();
    const timer = setInterval(() => chatty.send([null, 'hb', 'phoenix', 'heartbeat', {}]), 300);
    try {
      expect(await silent.closed(3000)).toEqual({ code: 1000, reason: 'idle timeout' });
      // Past the idle timeout and twice the HTTP request timeout, the heartbeating socket is still open.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(chatty.closeCode).toBeNull();
      chatty.send([null, 'last', 'phoenix', 'heartbeat', {}]);
      await chatty.until((frames) => frames.some((f: any) => f[1] === 'last'));
    } finally {
      clearInterval(timer);
    }
  });
});
