import type { AuthUser } from '../auth/auth-user';
import type { Door } from '../auth/route-policy';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by AuthGuard on routes that take a credential. */
    user?: AuthUser;
  }

  /** What a route declares beyond Fastify's own config (src/auth/route-policy.ts). */
  interface FastifyContextConfig {
    /** Which mount of the handler this route is (`/api/v1/...` or not), from its pattern. */
    door?: Door;
    /** Its request lines are logged at debug (probes). */
    quietLog?: boolean;
    /** An HTML page (the API docs): the document security headers rather than the API set. */
    document?: boolean;
  }
}
