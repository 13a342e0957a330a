import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

const normalize = (ip: string): string => {
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) return ip.slice(7);
  // Compressed, lower-case IPv6, as Papercups' :inet_parse.ntoa renders it.
  return isIP(ip) === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
};

/**
 * The client's address: the socket's, unless the peer is a trusted proxy (TRUST_PROXY, Fastify's
 * trustProxy), then the nearest X-Forwarded-For address not trusted, as Fastify computes `request.ip`
 * (with `TRUST_PROXY=true`: the first, Papercups' IPAddressPlug). A forwarded value that is not an
 * address falls back to the socket's. Never read from the header directly: any client can send it.
 */
export function clientIp(request: FastifyRequest): string {
  const ip = request.ip;
  return normalize(isIP(ip) ? ip : (request.raw.socket?.remoteAddress ?? ip));
}
