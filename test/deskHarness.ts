import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, type LoadedConfig } from '../src/config/load.ts';
import { findChromium } from '../src/crawl/browser.ts';
import { buildDesk, SESSION_COOKIE, type DeskRoutes } from '../src/serve/app.ts';
import { hashPassword } from '../src/serve/password.ts';
import { deskRoutes } from '../src/serve/routes.ts';
import type { DeskRecords, Store } from '../src/store/store.ts';
import { copyDataFolder, openTestStore } from './storeFor.ts';
import { repoRoot, runCli, tempDir } from './helpers.ts';

/** The sample day's issue date: `xinzhi demo` writes it. */
export const SAMPLE_ISSUE = '2026-06-19';
export const EDITOR = { name: '张编辑', password: 'editor-password-1' };
export const VIEWER = { name: 'viewer', password: 'viewer-password-1' };

let demo: Promise<{ data: string; out: string }> | undefined;

/**
 * A data folder and an out folder holding the sample day's issue (written once per test file by the real
 * `xinzhi demo`), copied fresh for each caller so tests never share a store.
 */
export async function sampleDay(): Promise<{ data: string; out: string }> {
  demo ??= (async () => {
    // Shared by every test of the file, so removed when the process ends, not when the first test does.
    const dir = mkdtempSync(join(tmpdir(), 'xinzhi-desk-demo-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const result = await runCli(['demo', '--data', join(dir, 'data'), '--out', join(dir, 'out')]);
    assert.ok(result.code === 0 || result.code === 3, `demo failed: ${result.stderr}`);
    return { data: join(dir, 'data'), out: join(dir, 'out') };
  })();
  const made = await demo;
  const dir = tempDir('xinzhi-desk-');
  // out/D is a relative symlink to its version folder: copied as it is.
  await copyDataFolder(made.data, join(dir, 'data'));
  cpSync(made.out, join(dir, 'out'), { recursive: true, verbatimSymlinks: true });
  return { data: join(dir, 'data'), out: join(dir, 'out') };
}

export interface TestDesk {
  app: FastifyInstance;
  store: Store;
  desk: DeskRecords;
  loaded: LoadedConfig;
  data: string;
  out: string;
  /** The clock the desk reads; tests move it. */
  clock: { now: Date };
}

/**
 * The desk over the sample day (or the folders given), with an editor and a viewer account (EDITOR,
 * VIEWER), built with `fastify.inject` in mind; closed when the test file ends. `routes` defaults to
 * every section the desk has; `env` is what publish channels read their secrets from.
 */
export async function startDesk(options: { folders?: { data: string; out: string }; config?: string; routes?: readonly DeskRoutes[]; env?: NodeJS.ProcessEnv } = {}): Promise<TestDesk> {
  const { data, out } = options.folders ?? (await sampleDay());
  const loaded = loadConfig(options.config ?? join(repoRoot, 'config/xinzhi.yaml'));
  const store = await openTestStore(data);
  const { desk } = store;
  const clock = { now: new Date('2026-06-19T01:00:00Z') };
  await desk.createUser(EDITOR.name, await hashPassword(EDITOR.password), 'editor', clock.now);
  await desk.createUser(VIEWER.name, await hashPassword(VIEWER.password), 'viewer', clock.now);
  const app = await buildDesk({ store, loaded, dataDir: data, outDir: out, now: () => clock.now, env: options.env ?? {} }, options.routes ?? deskRoutes, { sessionHours: 12, secureCookies: false });
  after(async () => {
    await app.close();
    await store.close();
  });
  return { app, store, desk, loaded, data, out, clock };
}

/** A visitor of the desk through `inject`: its cookies, and the CSRF token of the last page it read. */
export class Visitor {
  cookies: Record<string, string> = {};
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (cookie.value === '' || cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now())) delete this.cookies[cookie.name];
      else this.cookies[cookie.name] = cookie.value;
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrf = token[1]!;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, cookies: this.cookies }));
  }

  /** POSTs a form with the visitor's CSRF token (unless the form gives its own `_csrf`, or `withCsrf` is false). */
  async post(url: string, form: Record<string, string | string[]>, withCsrf = true): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (withCsrf && !('_csrf' in form)) body.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(form)) for (const one of [value].flat()) body.append(key, one);
    return this.keep(await this.app.inject({ method: 'POST', url, cookies: this.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() }));
  }

  /** Signs in (reading the sign-in page first for its token, and a page after for the account's token); asserts it worked. */
  async signIn(account: { name: string; password: string }): Promise<this> {
    await this.get('/login');
    const response = await this.post('/login', { name: account.name, password: account.password });
    assert.equal(response.statusCode, 303, response.body);
    assert.ok(this.cookies[SESSION_COOKIE]);
    // Tokens are bound to the account: the page signed in gives the forms' token from now on.
    await this.get('/login-done');
    return this;
  }
}

/** A signed-in visitor of `app`. */
export function signedIn(app: FastifyInstance, account: { name: string; password: string } = EDITOR): Promise<Visitor> {
  return new Visitor(app).signIn(account);
}

/**
 * Headless Chromium (Debian's, through playwright-core) for the desk's end-to-end tests, with no network
 * but loopback; closed when the test file ends. `scripts/setup.sh` installs it.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  assert.ok(executablePath && existsSync(executablePath), 'Chromium is not installed: run bash scripts/setup.sh');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  after(() => browser.close());
  return browser;
}

/** Desktop and phone widths the screenshots are taken at. */
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/**
 * Writes a full-page screenshot of `page` to test-output/screenshots/NAME-VIEWPORT.png (not committed) for a
 * person to look at; returns its path.
 */
export async function screenshot(page: Page, name: string, viewport: keyof typeof VIEWPORTS): Promise<string> {
  const dir = join(repoRoot, 'test-output/screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${viewport}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs `page` in through the real form. */
export async function browserSignIn(page: Page, base: string, account: { name: string; password: string } = EDITOR): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name="name"]', account.name);
  await page.fill('input[name="password"]', account.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"]')]);
}
