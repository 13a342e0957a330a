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
    if (credential === 'visitor') return this.visitor(request, header);
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

  /**
   * The widget's routes (Papercups' public scope): anyone may call them, and what they touch is checked
   * against the account and customer ids they name (src/widget/visitor-access.ts). An agent's valid session
   * token, when sent, makes the caller that agent (Papercups uses the current user's account then).
   */
  private async visitor(request: FastifyRequest, header: string | undefined): Promise<boolean> {
    const token = typeof header === 'string' && header.trim() ? sessionToken(header) : undefined;
    const principal = token ? await this.credentials.userForAccessToken(token) : null;
    if (principal && !principal.disabled) request.user = principal.user;
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
        // No credential for this door.
        return null;
    }
  }
}
