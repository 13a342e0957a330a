import type { Client } from 'pg';

export interface PostgresServer {
  /** Connection URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgres extends PostgresServer {
  port: number;
  /** Stops the server, keeping its data (started with `pausable` only). */
  pause(): Promise<void>;
  /** Starts it again after pause(). */
  resume(): Promise<void>;
}

export interface StartOptions {
  /** Prefix of the temporary directory. */
  prefix?: string;
  /** Extra `postgres` flags, e.g. `['-c', 'max_connections=200']`. */
  flags?: string[];
  /** Keep the data across pause() and resume(). */
  pausable?: boolean;
}

export function freePort(): Promise<number>;
export function startEmbeddedPostgres(options?: StartOptions): Promise<EmbeddedPostgres>;
export function postgresServer(options?: StartOptions): Promise<PostgresServer>;
export function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T>;
export function createDatabase(serverUrl: string, name: string, options?: { template?: string }): Promise<string>;
export function dropDatabase(serverUrl: string, name: string): Promise<void>;
