import { lookup } from 'node:dns/promises';
import { lookup as lookupCallback } from 'node:dns';
import { ipv6Bits, isPrivateAddress, pinnedLookup, webhookUrlProblem } from './webhook-url';

// Names are resolved through a stand-in resolver, so the spec needs no network and controls what a name
// points to (e.g. a public name whose DNS answers a private address).
jest.mock('node:dns/promises', () => ({ lookup: jest.fn() }));
jest.mock('node:dns', () => ({ lookup: jest.fn() }));
const resolve = lookup as unknown as jest.Mock;
const resolveOnce = lookupCallback as unknown as jest.Mock;
const ADDRESSES: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'rebind.example.com': ['93.184.216.34', '10.0.0.7'],
  'metadata.example.com': ['169.254.169.254'],
  'v6-loopback.example.com': ['::1'],
};
beforeEach(() => {
  resolve.mockReset();
  resolve.mockImplementation(async (host: string) => {
    const addresses = ADDRESSES[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  });
  resolveOnce.mockReset();
  resolveOnce.mockImplementation((host: string, _options: unknown, callback: (...args: unknown[]) => void) =>
    resolve(host).then(
      (addresses: unknown) => callback(null, addresses),
      (error: unknown) => callback(error),
    ),
  );
});

const PRIVATE = 'must not point to a private or loopback address';

describe('isPrivateAddress', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['0.255.255.255', 'this network'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::FFFF:10.1.2.3', 'IPv4-mapped private, upper case'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, as the URL parser writes it'],
    ['::ffff:8.8.8.8', 'IPv4-mapped, even of a public address'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::8.8.8.8', 'IPv4-compatible, even of a public address'],
    ['::2', 'IPv4-compatible 0.0.0.2'],
    ['::ffff:0:a00:1', 'SIIT IPv4-translated'],
    ['64:ff9b::8.8.8.8', 'NAT64 well-known prefix'],
    ['64:ff9b:1::a00:1', 'NAT64 local-use prefix'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2002:7f00:1::1', '6to4 of 127.0.0.1'],
    ['2002:a00:1::', '6to4 of 10.0.0.1'],
    ['2002:c000:0201::1', '6to4 of 192.0.2.1 (documentation)'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation (RFC 9637)'],
    ['100::1', 'discard-only'],
    ['fec0::1', 'site-local (deprecated)'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['192.0.2.1', 'documentation TEST-NET-1'],
    ['198.51.100.7', 'documentation TEST-NET-2'],
    ['203.0.113.255', 'documentation TEST-NET-3'],
  ])('%s is private (%s)', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ['8.8.8.8'],
    ['93.184.216.34'],
    ['9.255.255.255'], // just below 10/8
    ['11.0.0.0'], // just above 10/8
    ['100.63.255.255'], // just below 100.64/10
    ['100.128.0.0'], // just above it
    ['172.15.255.255'], // just below 172.16/12
    ['172.32.0.0'], // just above it
    ['169.253.255.255'],
    ['192.0.1.1'],
    ['192.169.0.1'],
    ['198.17.255.255'],
    ['198.20.0.0'],
    ['223.255.255.255'], // the last unicast address below multicast
    ['2001:4860:4860::8888'],
    ['2606:2800:220:1:248:1893:25c8:1946'],
    ['2002:808:808::1'], // 6to4 of 8.8.8.8
    ['2001:db9::1'], // just above 2001:db8::/32
    ['2001:1::1'], // outside Teredo's 2001::/32
    ['192.0.3.1'], // just above TEST-NET-1
    ['203.0.112.255'], // just below TEST-NET-3
    ['64:ff9c::1'],
  ])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it.each([['localhost'], ['example.com'], [''], ['127.0.0.1.nip.io'], ['1.2.3'], ['::ffff:999.1.1.1']])(
    '%j is no address at all: false (names are resolved by webhookUrlProblem)',
    (value) => {
      expect(isPrivateAddress(value)).toBe(false);
    },
  );
});

describe('webhookUrlProblem', () => {
  it.each([
    ['https://93.184.216.34/hooks/papercups'],
    ['http://93.184.216.34/hook'],
    ['https://93.184.216.34:8443/hook'], // any port
    ['https://93.184.216.34:1/hook'],
    ['https://[2001:4860:4860::8888]:8080/hook'],
    ['https://hooks.example.com/papercups?token=abc#frag'],
    ['https://unresolvable.example.com/hook'], // not provably private now; its deliveries fail and are retried
    ['https://93.184.216.34'], // the path rule lives in EventSubscriptionsService, not here
  ])('accepts %s', async (url) => {
    expect(await webhookUrlProblem(url, false)).toBeNull();
  });

  it.each([
    ['not a url', 'is invalid'],
    ['', 'is invalid'],
    ['//example.com/hook', 'is invalid'],
    ['https://', 'is invalid'],
    ['ftp://93.184.216.34/hook', 'must be an http or https URL'],
    ['file:///etc/passwd', 'must be an http or https URL'],
    ['javascript:alert(1)', 'must be an http or https URL'],
    ['ws://93.184.216.34/socket', 'must be an http or https URL'],
    ['gopher://127.0.0.1:6379/_INFO', 'must be an http or https URL'],
    ['https://user:secret@93.184.216.34/hook', 'must not contain credentials'],
    ['https://user@93.184.216.34/hook', 'must not contain credentials'],
    ['https://:secret@93.184.216.34/hook', 'must not contain credentials'],
  ])('refuses %j: %s', async (url, problem) => {
    expect(await webhookUrlProblem(url, false)).toBe(problem);
  });

  it.each([
    ['http://127.0.0.1/hook'],
    ['http://127.0.0.1:4000/api/v1/me'],
    ['http://10.0.0.5:8080/hook'],
    ['http://169.254.169.254/latest/meta-data/'],
    ['http://0.0.0.0:5432/'],
    ['http://[::1]:3000/hook'],
    ['http://[fe80::1]/hook'],
    ['http://[::ffff:127.0.0.1]/hook'],
    // Spellings the URL parser turns into 127.0.0.1.
    ['http://2130706433/hook'],
    ['http://0x7f000001/hook'],
    ['http://127.1/hook'],
    ['http://localhost/hook'],
    ['http://LOCALHOST:4000/hook'],
    ['http://api.localhost/hook'],
    // Names whose DNS answers (any one of) a private address.
    ['https://rebind.example.com/hook'],
    ['https://metadata.example.com/hook'],
    ['https://v6-loopback.example.com/hook'],
  ])('refuses %s as private', async (url) => {
    expect(await webhookUrlProblem(url, false)).toBe(PRIVATE);
  });

  it('resolves every address of a name, and only names', async () => {
    await webhookUrlProblem('https://hooks.example.com/hook', false);
    expect(resolve.mock.calls).toEqual([['hooks.example.com', { all: true }]]);
    resolve.mockClear();
    await webhookUrlProblem('https://93.184.216.34/hook', false);
    await webhookUrlProblem('http://localhost/hook', false);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('with private URLs allowed: accepts private hosts without resolving them, still checks scheme and credentials', async () => {
    for (const url of ['http://127.0.0.1:4000/hook', 'http://localhost/hook', 'https://rebind.example.com/hook']) {
      expect([url, await webhookUrlProblem(url, true)]).toEqual([url, null]);
    }
    expect(resolve).not.toHaveBeenCalled();
    expect(await webhookUrlProblem('ftp://127.0.0.1/hook', true)).toBe('must be an http or https URL');
    expect(await webhookUrlProblem('http://u:p@127.0.0.1/hook', true)).toBe('must not contain credentials');
    expect(await webhookUrlProblem('nope', true)).toBe('is invalid');
  });
});

describe('ipv6Bits', () => {
  it('expands ::, dotted tails and zones', () => {
    expect(ipv6Bits('::1')).toBe(1n);
    expect(ipv6Bits('::ffff:127.0.0.1')).toBe(ipv6Bits('::ffff:7f00:1'));
    expect(ipv6Bits('fe80::1%eth0')).toBe(ipv6Bits('fe80:0:0:0:0:0:0:1'));
    expect(ipv6Bits('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    expect(ipv6Bits('10.0.0.1')).toBeNull();
  });
});

describe('pinnedLookup: the resolver of every webhook connection', () => {
  const run = (host: string, all: boolean, allowPrivate = false) =>
    new Promise<{ error: NodeJS.ErrnoException | null; result: unknown }>((done) =>
      pinnedLookup(allowPrivate)(host, { all }, (error, address, family) =>
        done({ error, result: all ? address : [address, family] }),
      ),
    );

  it('answers the addresses it checked, once resolved (the socket connects to exactly those)', async () => {
    expect(await run('hooks.example.com', true)).toEqual({
      error: null,
      result: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
      ],
    });
    expect((await run('hooks.example.com', false)).result).toEqual(['93.184.216.34', 4]);
    expect(resolveOnce).toHaveBeenCalledTimes(2);
  });

  it.each(['rebind.example.com', 'metadata.example.com', 'v6-loopback.example.com'])(
    'refuses %s: one private address among its answers is enough',
    async (host) => {
      const { error } = await run(host, true);
      expect(error?.code).toBe('EPRIVATEADDRESS');
      expect(error?.message).toBe(`${host} resolves to a private or loopback address`);
    },
  );

  it('passes resolver errors on, and allows private addresses when configured', async () => {
    expect((await run('nowhere.example.com', true)).error?.code).toBe('ENOTFOUND');
    expect((await run('metadata.example.com', false, true)).result).toEqual(['169.254.169.254', 4]);
  });
});
