import { applyDecorators, ExecutionContext, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX, VERSION_PREFIX } from '../common/http/api-prefix';
import type { UserRole } from '../users/user.enums';

/**
 * A route's policy, declared on its controller or handler (the handler's wins) and never inferred from a URL:
 *
 * - `@Credential(kind)`: what the caller must present. `'api-key'`: a personal API key as `Bearer <key>`;
 *   `'session'`: a session token, raw or as `Bearer <token>`; `'none'` (also `@Public()`); `'visitor'`: the
 *   chat widget's public routes (anyone; an agent's session token, when sent, makes the caller that agent). A controller mounted at two doors
 *   (`version: ['1', VERSION_NEUTRAL]`) names one per door: `@Credential({ v1: 'api-key', unversioned: 'session' })`.
 * - `@RateLimit('per-ip')`: counted per client IP against RATE_LIMIT_AUTH_PER_MINUTE (registration, login);
 *   `@RateLimit('per-visitor')`: the widget's public writes, per client IP against WIDGET_RATE_LIMIT_PER_IP
 *   (the per-account limit is counted by the widget's services, which know the account);
 *   otherwise per caller (API key or session user) against RATE_LIMIT_PER_MINUTE.
 * - `@QuietLog()`: request lines at debug, not info (probes).
 * - `@RequireRole('admin')`: only users with that role (checked after the credential; others get a 403).
 * - `@Idempotent()` (src/idempotency): the POST honours Idempotency-Key; every POST that takes a credential
 *   must declare it (RoutePolicyCheck), so the interceptor runs exactly where it can act.
 *
 * AuthGuard and RateLimitGuard read it through Reflector, the request logger from the route's Fastify config,
 * the OpenAPI builder from the `x-credential` extension; the door comes from the route Fastify matched.
 */

export type CredentialKind = 'api-key' | 'session' | 'visitor' | 'none';

/** Which mount of a handler a route is: `v1` for `/api/v1/...`, `unversioned` for the rest. */
export type Door = `v${number}` | 'unversioned';

export type CredentialPolicy = CredentialKind | { readonly [door in Door]?: CredentialKind };

export type RateLimitPolicy = 'per-caller' | 'per-ip' | 'per-visitor';

export const CREDENTIAL_KEY = 'routePolicy:credential';
export const RATE_LIMIT_KEY = 'routePolicy:rateLimit';
export const ROLE_KEY = 'routePolicy:role';
/** Set by @Idempotent() (src/idempotency): the POST honours Idempotency-Key. */
export const IDEMPOTENT_KEY = 'routePolicy:idempotent';
/** The OpenAPI operation extension carrying the declared CredentialPolicy (removed from the served document). */
export const CREDENTIAL_EXTENSION = 'x-credential';
/** Likewise for @RequireRole: the roles a route requires. */
export const ROLE_EXTENSION = 'x-required-role';

export const Credential = (policy: CredentialPolicy) =>
  applyDecorators(SetMetadata(CREDENTIAL_KEY, policy), ApiExtension(CREDENTIAL_EXTENSION, policy));

/** Needs no credential (registration, login, probes). */
export const Public = () => Credential('none');

export const RateLimit = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT_KEY, policy);

/**
 * Fastify route config, which Nest takes from each handler: a class-level use applies to every route
 * handler of the class, as @nestjs/swagger's class-level decorators do.
 */
function routeConfig(config: Record<string, unknown>): ClassDecorator & MethodDecorator {
  const merge = (handler: object) =>
    Reflect.defineMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      { ...config, ...Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) },
      handler,
    );
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      merge(descriptor.value as object);
      return descriptor;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as object | undefined;
      if (typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler)) merge(handler);
    }
    return target;
  }) as ClassDecorator & MethodDecorator;
}

/** Only callers with one of these roles; documented as `x-required-role` and a 403 response. */
export const RequireRole = (...roles: [UserRole, ...UserRole[]]) =>
  applyDecorators(SetMetadata(ROLE_KEY, roles), ApiExtension(ROLE_EXTENSION, roles));

export function routeRoles(reflector: Reflector, context: ExecutionContext): readonly UserRole[] | undefined {
  return reflector.getAllAndOverride<UserRole[] | undefined>(ROLE_KEY, [context.getHandler(), context.getClass()]);
}

export const QuietLog = () => routeConfig({ quietLog: true });

const VERSIONED = new RegExp(`^/${API_PREFIX}/(${VERSION_PREFIX}\\d+)(/|$)`);

/** The door of a route pattern (`/api/v1/me`, `/api/me`, `/api/v1/customers/{id}`), never of a request URL. */
export function doorOf(routePattern: string): Door {
  return (VERSIONED.exec(routePattern)?.[1] as Door | undefined) ?? 'unversioned';
}

/** Stores each route's door in its Fastify config once, when it is registered (before the routes exist). */
export function registerRouteDoors(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    route.config = { ...route.config, door: doorOf(route.url) };
  });
}

/** The credential a policy asks for at a door; undefined when it names none there (refused). */
export function credentialAt(policy: CredentialPolicy | undefined, door: Door | undefined): CredentialKind | undefined {
  return typeof policy === 'object' ? door && policy[door] : policy;
}

/** The credential the route being handled takes, at the door Fastify matched. */
export function routeCredential(reflector: Reflector, context: ExecutionContext): CredentialKind | undefined {
  const policy = reflector.getAllAndOverride<CredentialPolicy | undefined>(CREDENTIAL_KEY, [
    context.getHandler(),
    context.getClass(),
  ]);
  const { door } = context.switchToHttp().getRequest<FastifyRequest>().routeOptions.config;
  return credentialAt(policy, door);
}

export function routeRateLimit(reflector: Reflector, context: ExecutionContext): RateLimitPolicy {
  return (
    reflector.getAllAndOverride<RateLimitPolicy | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) ?? 'per-caller'
  );
}
