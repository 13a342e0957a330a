import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app.config';

/**
 * This server's base URL as browsers reach it: PUBLIC_URL when set (behind a proxy, set it), else the
 * request's scheme and Host. Uploads' `file_url` is absolute because widget pages live on other origins.
 */
export function publicBaseUrl(config: AppConfig, request: FastifyRequest): string {
  if (config.widget.publicUrl) return config.widget.publicUrl;
  return `${request.protocol}://${request.host}`;
}
