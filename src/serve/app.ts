import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { writeFileAtomically } from '../util/atomicFile.ts';
import { UserError } from '../util/errors.ts';
import type { Lang } from '../util/i18n.ts';
import { csrfUserInfo, type DeskContext, type DeskOptions } from './context.ts';
import { html } from './html.ts';
import { messagePage, sendPage, csrfField } from './layout.ts';
import { passwordMatches } from './password.ts';
import { common } from './text.ts';

/** The session cookie: an opaque random token; the store keeps only its hash (src/store/desk.ts). */
export const SESSION_COOKIE = 'xinzhi_session';
const LANG_COOKIE = 'xinzhi_lang';
/** Failed sign-ins of one account before it is refused for LOCK_MINUTES (OWASP Authentication Cheat Sheet: throttle, never reveal which part was wrong). */
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

/** Paths a visitor reaches signed out. */
const PUBLIC_PATHS = new Set(['/login', '/lang', '/assets/desk.css', '/healthz']);

/** A page route of a section module: registers its routes on the desk. */
export type DeskRoutes = (app: FastifyInstance, context: DeskContext) => void | Promise<void>;

/** The stylesheet, read once: the desk serves it from its own origin (no CDN; CSP style-src 'self'). */
const stylesheet = readFileSync(new URL('./assets/desk.css', import.meta.url));

/**
 * The key CSRF tokens are signed with, kept in the data folder (desk.key, readable by its owner only) so a
 * restarted desk, or a second one on the same folder, accepts the forms already open. Made on first use.
 * The desk's one key: the add form's preview tokens are signed with a key derived from it (previewToken.ts).
 */
export function csrfKey(dataDir: string): Buffer {
  const file = join(dataDir, 'desk.key');
  if (!existsSync(file)) {
    writeFileAtomically(file, randomBytes(32).toString('hex'));
    chmodSync(file, 0o600);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/** A path inside the desk to go back to after signing in: relative, never //host or a scheme. */
export function localPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/**
 * Refuses a request of a viewer (403 page) or of nobody (sign-in): the preHandler of every route that
 * changes something. Returns the reply sent, or undefined when the account is an editor.
 */
export function requireEditor(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  if (request.user?.role === 'editor') return undefined;
  return messagePage(request, reply, 403, common(request.lang, 'heading.forbidden'), common(request.lang, 'forbidden'));
}

function pickLang(value: unknown): Lang | undefined {
  return value === 'zh' || value === 'en' ? value : undefined;
}

/**
 * The editor's desk as a Fastify app, not yet listening (tests call `inject`; `xinzhi serve` listens):
 * sessions from a cookie, CSRF tokens on every POST, a strict Content-Security-Policy, sign-in and out,
 * and the sections given in `routes` (today, archive, sources). Pages are HTML written on the server with
 * escaped text (html.ts), so the desk works without any script.
 */
export async function buildDesk(options: DeskOptions, routes: readonly DeskRoutes[], settings: { sessionHours: number; secureCookies: boolean }): Promise<FastifyInstance> {
  const context: DeskContext = {
    store: options.store,
    loaded: options.loaded,
    dataDir: options.dataDir,
    outDir: options.outDir,
    now: options.now ?? (() => new Date()),
    env: options.env ?? process.env,
    desk: options.store.desk,
    defaultLang: options.loaded.config.lang,
  };
  const app = Fastify({ logger: options.log ?? false, bodyLimit: 2 * 1024 * 1024, trustProxy: false });
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: settings.secureCookies };
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // The desk is reached over plain HTTP on loopback; HSTS belongs to the TLS proxy in front of it.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'xinzhi_csrf',
    cookieOpts: cookieOptions,
    csrfOpts: { hmacKey: csrfKey(options.dataDir) },
    // The token is bound to the account: one taken from another account's page does not pass.
    getUserInfo: csrfUserInfo,
    getToken: (request: FastifyRequest) => (request.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
  });
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'zh');

  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLang(request.cookies[LANG_COOKIE]) ?? context.defaultLang;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const now = context.now();
      request.user = (await context.desk.sessionUser(token, now, new Date(now.getTime() + settings.sessionHours * 3600_000))) ?? null;
    }
    const path = request.url.split('?')[0]!;
    if (request.user || PUBLIC_PATHS.has(path)) return;
    if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
    return messagePage(request, reply, 401, common(request.lang, 'heading.signIn'), common(request.lang, 'signInFirst'));
  });
  // Every POST carries the token of the visitor's cookie (double submit, bound to the account).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST') return done();
    app.csrfProtection(request, reply, done);
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    const say = (key: Parameters<typeof common>[1], ...args: string[]) => common(request.lang, key, ...args);
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return messagePage(request, reply, 403, say('heading.csrf'), say('csrf'));
    if (error instanceof UserError) return messagePage(request, reply, 400, say('heading.badRequest'), request.lang === 'en' ? error.en : error.message);
    if (error.statusCode !== undefined && error.statusCode < 500) return messagePage(request, reply, error.statusCode, say('heading.badRequest'), error.message);
    request.log.error(error);
    return messagePage(request, reply, 500, say('heading.serverError'), error.message);
  });
  app.setNotFoundHandler((request, reply) => messagePage(request, reply, 404, common(request.lang, 'notFound'), request.url));

  app.get('/assets/desk.css', (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(stylesheet));
  app.get('/healthz', () => ({ ok: true }));
  app.get('/', (_request, reply) => reply.redirect('/today'));
  app.get('/lang', (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const to = pickLang(query.to);
    if (to) reply.setCookie(LANG_COOKIE, to, { ...cookieOptions, maxAge: 365 * 24 * 3600 });
    return reply.redirect(localPath(query.next));
  });

  // Names with no account are throttled in memory alike, so a guess answers the same for both.
  const unknownNames = new Map<string, { count: number; until: number }>();
  const loginPage = (request: FastifyRequest, reply: FastifyReply, error: string | null, next: string, status = 200) => {
    const say = (key: Parameters<typeof common>[1], ...args: (string | number)[]) => common(request.lang, key, ...args);
    const body = html`<section class="login"><h1>${say('signIn')}</h1>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <form method="post" action="/login">${csrfField(reply)}
        <input type="hidden" name="next" value="${next}">
        <label>${say('name')}<input name="name" autocomplete="username" required autofocus></label>
        <label>${say('password')}<input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">${say('signIn')}</button>
      </form></section>`;
    return sendPage(request, reply, { title: say('signIn'), section: 'none', body }, status);
  };
  app.get('/login', (request, reply) => loginPage(request, reply, null, localPath((request.query as Record<string, unknown>).next)));
  app.post('/login', async (request, reply) => {
    const form = request.body as Record<string, unknown>;
    const name = typeof form.name === 'string' ? form.name.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = localPath(form.next);
    const now = context.now();
    const user = await context.desk.userByName(name);
    const unknown = unknownNames.get(name);
    const lockedUntil = user ? (user.failedLogins >= MAX_FAILURES && user.lockedUntil ? Date.parse(user.lockedUntil) : 0) : unknown && unknown.count >= MAX_FAILURES ? unknown.until : 0;
    if (lockedUntil > now.getTime()) {
      return loginPage(request, reply, common(request.lang, 'tooManyTries', Math.ceil((lockedUntil - now.getTime()) / 60_000)), next, 429);
    }
    if (!user || !(await passwordMatches(password, user.passwordHash))) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
      let count: number;
      if (user) count = await context.desk.recordFailedLogin(user.id, now, until);
      else {
        count = unknown && unknown.until > now.getTime() ? unknown.count + 1 : 1;
        unknownNames.set(name, { count, until: until.getTime() });
      }
      const left = MAX_FAILURES - count;
      const message = left <= 0 ? common(request.lang, 'tooManyTries', LOCK_MINUTES) : left <= 2 ? `${common(request.lang, 'badLogin')}${common(request.lang, 'triesLeft', left, LOCK_MINUTES)}` : common(request.lang, 'badLogin');
      return loginPage(request, reply, message, next, left <= 0 ? 429 : 401);
    }
    await context.desk.clearFailedLogins(user.id);
    unknownNames.delete(name);
    const token = randomBytes(32).toString('base64url');
    const start = context.now();
    await context.desk.startSession(token, user.id, start, new Date(start.getTime() + settings.sessionHours * 3600_000));
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
    return reply.redirect(next, 303);
  });
  app.post('/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await context.desk.endSession(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  for (const register of routes) await register(app, context);
  return app;
}
