import { generateSecret, sign, signedHeaders } from './signature';

/** The published Standard Webhooks example (standardwebhooks.com, Svix's "verifying manually"). */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signatures', () => {
  it('signs the published example exactly', () => {
    expect(sign(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it('changes with every signed part', () => {
    const { secret, id, timestamp, body, signature } = VECTOR;
    const variants = [
      sign('whsec_' + Buffer.from('another key').toString('base64'), id, timestamp, body),
      sign(secret, `${id}x`, timestamp, body),
      sign(secret, id, timestamp + 1, body),
      sign(secret, id, timestamp, '{"test":2432232314}'),
    ];
    expect(new Set([signature, ...variants]).size).toBe(5);
  });

  it('signs with the base64-decoded key after whsec_, not the text of the secret', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const secret = `whsec_${key.toString('base64')}`;
    expect(sign(secret, 'msg_1', 1700000000, '{}')).toBe('v1,2c4VI0bO4Wd5svqP2unEA9pCk0dTAXr/elrHCJ+/efk=');
  });

  it('sends the headers of every webhook POST, the timestamp in whole seconds', () => {
    const now = VECTOR.timestamp * 1000 + 999;
    expect(signedHeaders(VECTOR.secret, VECTOR.id, VECTOR.body, now)).toEqual({
      'content-type': 'application/json',
      'user-agent': 'papercups-nest-webhooks/1',
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    });
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const secrets = Array.from({ length: 20 }, generateSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(20);
  });
});
