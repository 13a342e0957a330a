import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, LookupFunction } from 'node:net';

/**
 * IPv4 ranges no webhook may reach by default: this network, private, CGNAT, loopback, link-local (cloud
 * metadata), IETF assignments, documentation (TEST-NET-1/2/3), benchmarking, multicast, reserved/broadcast.
 */
const PRIVATE_V4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE_V4.addSubnet(net, bits, 'ipv4');
}

/**
 * IPv6 ranges refused outright. Every form that carries an IPv4 address is among them, whatever that
 * address: a translator or tunnel may deliver it to the IPv4 inside, and no receiver needs them
 * (IPv4-compatible ::a.b.c.d, IPv4-mapped ::ffff:a.b.c.d, SIIT-translated ::ffff:0:a.b.c.d, NAT64's
 * 64:ff9b::/96 and 64:ff9b:1::/48, Teredo 2001::/32). Also loopback/unspecified, discard, ORCHID,
 * benchmarking, documentation (2001:db8::/32, 3fff::/20), unique-local, link-local, site-local, multicast.
 * 6to4 (2002::/16) is refused when the IPv4 address it embeds is.
 */
const PRIVATE_V6: [string, number][] = [
  ['::', 96],
  ['::ffff:0:0', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:2::', 48],
  ['2001:10::', 28],
  ['2001:20::', 28],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

/** The 128 bits of an IPv6 address (with `::` and a dotted IPv4 tail), or null if it is none. */
export function ipv6Bits(address: string): bigint | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const V6_RULES = PRIVATE_V6.map(([net, bits]) => [ipv6Bits(net)!, BigInt(128 - bits)] as const);
const inV6Rule = (bits: bigint) => V6_RULES.some(([net, shift]) => bits >> shift === net >> shift);
const v4Of = (bits: bigint) => [24n, 16n, 8n, 0n].map((shift) => Number((bits >> shift) & 255n)).join('.');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE_V4.check(address, 'ipv4');
  if (family !== 6) return false;
  const bits = ipv6Bits(address)!;
  if (inV6Rule(bits)) return true;
  // 6to4: 2002:AABB:CCDD::/48 tunnels to the IPv4 address AA.BB.CC.DD.
  if (bits >> 112n === 0x2002n) return isPrivateAddress(v4Of(bits >> 80n));
  return false;
}

const PRIVATE_PROBLEM = 'must not point to a private or loopback address';

/**
 * What can be said of a URL without DNS: http/https only, with a host, no credentials, and — unless private
 * URLs are allowed — no host that is a private address or `localhost`. (A host name's addresses are checked
 * by webhookUrlProblem on save and by pinnedLookup on every connection.)
 */
export function staticUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not contain credentials';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host) ? PRIVATE_PROBLEM : null;
  if (host === 'localhost' || host.endsWith('.localhost')) return PRIVATE_PROBLEM;
  return null;
}

/**
 * Why a webhook URL is unacceptable, or null: staticUrlProblem, then (unless private URLs are allowed) no
 * host name that resolves to a private address. Checked on save. A name that does not resolve is accepted
 * here; its deliveries fail and are retried.
 */
export async function webhookUrlProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  const problem = staticUrlProblem(raw, allowPrivate);
  if (problem || allowPrivate) return problem;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null;
  try {
    const addresses = await lookup(host, { all: true });
    if (addresses.some(({ address }) => isPrivateAddress(address))) return PRIVATE_PROBLEM;
  } catch {
    // unresolvable now: not provably private
  }
  return null;
}

/**
 * The resolver every webhook connection uses (http.request's `lookup`): the name is resolved once, every
 * address it has is checked, and the socket connects to those same addresses. A DNS answer that changes
 * between a check and the connection (rebinding) therefore cannot reach a private address: there is no
 * second resolution. (IP literals never reach a lookup; staticUrlProblem checks them.)
 */
export function pinnedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivate && (!addresses.length || addresses.some(({ address }) => isPrivateAddress(address)))) {
        const refused = Object.assign(new Error(`${hostname} resolves to a private or loopback address`), {
          code: 'EPRIVATEADDRESS',
        });
        return callback(refused, '', 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
