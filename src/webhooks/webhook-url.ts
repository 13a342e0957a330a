import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, LookupFunction } from 'node:net';

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges: no webhook may reach them by default. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  return family === 0 ? false : PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
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
