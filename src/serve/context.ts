import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoadedConfig } from '../config/load.ts';
import type { DeskRecords, DeskUser, Store } from '../store/store.ts';
import type { Lang } from '../util/i18n.ts';

/** What the desk is started with: the data folder's store, the config, where issues are written. */
export interface DeskOptions {
  store: Store;
  loaded: LoadedConfig;
  /** The data folder (its lock is taken to write an issue) and the output folder (out/D/). */
  dataDir: string;
  outDir: string;
  /** The clock; tests set it. Default: the system's. */
  now?: () => Date;
  /** The environment secrets are read from (publish channels, the model's key). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Request log lines on stdout (pino); off in tests. */
  log?: boolean;
}

/** What every route handler gets: the options with their defaults, and the desk's own tables. */
export interface DeskContext extends Required<Omit<DeskOptions, 'log'>> {
  desk: DeskRecords;
  /** The config's `lang`: the language of a visitor who chose none. */
  defaultLang: Lang;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, or null (set by the session hook of app.ts before any handler runs). */
    user: DeskUser | null;
    /** The page's language: the visitor's choice (cookie), else the config's. */
    lang: Lang;
  }
}

/**
 * What a CSRF token is bound to: the signed-in account, so a token read from one account's page does not
 * pass for another's. Used both to make tokens (layout.ts) and to check them (app.ts).
 */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.user ? `user:${request.user.id}` : 'signed-out';
}

/** A route's handler as the desk registers it. */
export type DeskHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
