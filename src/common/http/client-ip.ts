import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

const normalize = (ip: string): string => {
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) return ip.slice(7);
  // Compressed, lower-case IPv6, as Papercups' :inet_parse.ntoa renders it.
  return isIP(ip) === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
};

/**
 * Papercups' IPAddressPlug: the last `X-Forwarded-For` header, first 50 bytes, first comma-separated
 * part, used only if it parses as an IP; otherwise the socket address.
 */
export function clientIp(request: FastifyRequest): string {
  const raw = request.raw.rawHeaders;
  let forwarded: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === 'x-forwarded-for') forwarded = raw[i + 1];
  }
  if (forwarded !== undefined) {
    const first = Buffer.from(forwarded)
      .subarray(0, 50)
      .toString('utf8')
      .split(',')
      .find((part) => part !== '');
    if (first && isIP(first)) return normalize(first);
  }
  return normalize(request.ip);
}
