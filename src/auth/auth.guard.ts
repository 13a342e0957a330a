import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { accountDisabled, forbidden, notAuthenticated } from '../common/errors';
import { clientIp } from '../common/http/client-ip';
import { AuthFailuresService } from '../rate-limit/auth-failures.service';
import { bearerToken, sessionToken } from './bearer-token';
import { CredentialsService, Principal } from './credentials.service';
import { routeCredential, routeRoles } from './route-policy';

/**
 * The one auth gate: each route takes the credential it declares (@Credential, @Public) at the door Fastify
 * matched, and a role it requires (@RequireRole). A route that declares no credential is refused (and fails
 * the boot check in RoutePolicyCheck). Failed checks are limited per client IP (AuthFailuresService).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
    private readonly failures: AuthFailuresService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const credential = routeCredential(this.reflector, context);
    if (credential === 'none') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.trim()) throw notAuthenticated();
    // Guessing keys or tokens: an IP past its failed checks gets 429 before any lookup.
    const subject = { ip: clientIp(request) };
    await this.failures.assertAllowed(subject);
    const principal = await this.principalFor(credential, header);
    if (!principal) {
      await this.failures.record(subject);
      throw notAuthenticated();
    }
    if (principal.disabled) throw accountDisabled();
    const roles = routeRoles(this.reflector, context);
    if (roles && !roles.includes(principal.user.role)) throw forbidden();
    request.user = principal.user;
    return true;
  }

  private async principalFor(credential: string | undefined, header: string): Promise<Principal | null> {
    switch (credential) {
      case 'api-key': {
        const key = bearerToken(header);
        return key ? this.credentials.userForApiKey(key) : null;
      }
      case 'session':
        return this.credentials.userForAccessToken(sessionToken(header)!);
      default:
        // 'visitor' (the widget API defines it), or no credential for this door.
        return null;
    }
  }
}
