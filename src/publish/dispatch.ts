/**
 * `xinzhi publish`: sends one written issue (out/<date>/) to each configured channel. Every try is recorded
 * in the store; a channel the issue went to before is skipped unless forced; a channel that fails on the
 * network, with 408/429/5xx or a robot's rate limit is tried again after an exponential backoff; one
 * channel's failure never stops the others. No secret reaches a result, a record or a preview: each text
 * is redacted of every secret value the channels hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type Mail from 'nodemailer/lib/mailer';
import type { Brief } from '../domain/brief.ts';
import type { ChannelConfig, ChannelKind, PublishConfig } from '../config/publish.ts';
import { retryDelayMs } from '../util/retry.ts';
import type { DeliveryAttempt } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import { sha256Hex } from '../util/hash.ts';
import { toShanghaiIso } from '../util/time.ts';
import { DeliveryFailure, postMessage, type HttpAnswer, type PreparedRequest } from './delivery.ts';
import { dingtalkAnswerFailure, dingtalkRequest } from './dingtalk.ts';
import { mailDigest, mailMessage, mailSubject, pdfFileName, sendMail, shownServer, type EmailChannel, type IssueFiles } from './email.ts';
import { feishuAnswerFailure, feishuRequest } from './feishu.ts';
import { issueLink } from './robotText.ts';
import { readyChannel, redact, secretValues, type Environment, type ReadyChannel } from './settings.ts';
import { wecomAnswerFailure, wecomRequest } from './wecom.ts';
import { webhookAnswerFailure, webhookRequest } from './webhook.ts';

/** Where deliveries are recorded: the store (src/store/store.ts), or anything with these two methods. */
export interface DeliveryLog {
  recordDelivery(attempt: DeliveryAttempt): Promise<void>;
  lastSent(issueDate: string, channel: string): Promise<DeliveryAttempt | undefined>;
}

/** Time as the dispatcher sees it: the clock, waiting, and the jitter of the backoff. Real ones but for tests. */
export interface PublishClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

const realClock: PublishClock = { now: () => Date.now(), sleep: (ms) => delay(ms), random: Math.random };

/** One publish run: the issue, where it was written, the config's publish section and the choices of the command line. */
export interface PublishRun {
  brief: Brief;
  /** out/<date>: where brief.html, brief.md and brief.pdf are read from (e-mail). */
  folder: string;
  publish: PublishConfig;
  /** Only this channel (--channel NAME); every channel when absent. */
  only?: string;
  /** Send again to channels the issue already went to (--force). */
  force: boolean;
  env: Environment;
  clock?: PublishClock;
}

/** A failure's reason in both languages, secrets redacted. */
export interface Reason {
  zh: string;
  en: string;
}

/** What happened on one channel. */
export interface ChannelResult {
  name: string;
  kind: ChannelKind;
  status: 'sent' | 'skipped' | 'failed';
  /** Tries made in this run (0 when skipped). */
  attempts: number;
  /** How much of the brief went (robots: full, headlines, cut; webhook: summary; e-mail: full). */
  form?: PreparedRequest['form'];
  /** Skipped: when the issue was sent there before (+08:00), and whether the message has changed since (when it can be told). */
  sentBefore?: { sentAt: string; changed?: boolean };
  reason?: Reason;
}

/** What dry-run shows of one channel: the request as it would go, masked, or why it could not be made. */
export interface ChannelPreview {
  name: string;
  kind: ChannelKind;
  /** Set when the issue went to this channel before: without --force it would be skipped. */
  sentBefore?: string;
  http?: { method: 'POST'; url: string; headers: Record<string, string>; body: string; form: PreparedRequest['form'] };
  mail?: { server: string; from: string; to: string[]; subject: string; parts: { role: string; file: string; bytes: number }[] };
  reason?: Reason;
}

/** Identifies xinzhi to the robots' servers. */
const USER_AGENT = 'xinzhi/0.1 (publish)';

/** The channels a run covers: all, or the one --channel names; throws a UserError naming an unknown one and the known. */
export function selectedChannels(publish: PublishConfig, only: string | undefined): ChannelConfig[] {
  if (only === undefined) return publish.channels;
  const channel = publish.channels.find((c) => c.name === only);
  if (!channel) {
    const names = publish.channels.map((c) => c.name).join(', ');
    throw new UserError(`配置中没有名为 ${only} 的发布渠道（已配置：${names}）`, `no publish channel named ${only} in the config (configured: ${names})`);
  }
  return [channel];
}

/** Reads a rendered file of the issue; a missing one fails the channel, naming the file. */
function issueFile(folder: string, name: string): Buffer {
  const file = join(folder, name);
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new DeliveryFailure(`无法读取 ${file}（${code}）：邮件需要 brief.html、brief.md 与 brief.pdf`, `cannot read ${file} (${code}): e-mail needs brief.html, brief.md and brief.pdf`, false);
  }
}

function readIssueFiles(folder: string): IssueFiles {
  return { html: issueFile(folder, 'brief.html').toString('utf8'), markdown: issueFile(folder, 'brief.md').toString('utf8'), pdf: issueFile(folder, 'brief.pdf') };
}

/** A message ready to go, with how to send it and the digest the store records. */
type Prepared =
  | { kind: 'http'; request: PreparedRequest; failureOf: (answer: HttpAnswer) => DeliveryFailure | null; digest: string }
  | { kind: 'mail'; channel: EmailChannel; password: string | undefined; files: IssueFiles; message: Mail.Options; digest: string };

/** Builds a ready channel's message for the brief at `nowMs` (robots sign with the time). */
function prepare(ready: ReadyChannel, run: PublishRun, nowMs: number): Prepared {
  const { brief } = run;
  if (ready.kind === 'email') {
    const files = readIssueFiles(run.folder);
    return { kind: 'mail', channel: ready.config, password: ready.password, files, message: mailMessage(brief, files, ready.config), digest: mailDigest(brief, files, ready.config) };
  }
  // The schema requires linkBase whenever a robot or webhook is configured.
  const link = issueLink(run.publish.linkBase!, brief.date);
  const http = (request: PreparedRequest, failureOf: (answer: HttpAnswer) => DeliveryFailure | null): Prepared => ({ kind: 'http', request, failureOf, digest: sha256Hex(Buffer.from(request.content)) });
  switch (ready.kind) {
    case 'wecom':
      return http(wecomRequest(brief, link, ready.address), wecomAnswerFailure);
    case 'feishu':
      return http(feishuRequest(brief, link, ready.address, ready.secret, nowMs), feishuAnswerFailure);
    case 'dingtalk':
      return http(dingtalkRequest(brief, link, ready.address, ready.secret, nowMs), dingtalkAnswerFailure);
    case 'webhook':
      return http(webhookRequest(brief, link, ready.address, ready.secret, nowMs), webhookAnswerFailure);
  }
}

/** Sends a prepared message once; throws a DeliveryFailure. */
async function send(prepared: Prepared, publish: PublishConfig): Promise<void> {
  if (prepared.kind === 'mail') return sendMail(prepared.channel, prepared.password, prepared.message, publish.timeoutMs);
  const answer = await postMessage(prepared.request.message, { timeoutMs: publish.timeoutMs, userAgent: USER_AGENT });
  const failure = prepared.failureOf(answer);
  if (failure) throw failure;
}

/** Any thrown value as a DeliveryFailure: a UserError (a missing variable or file) will not mend by waiting. */
function asFailure(err: unknown): DeliveryFailure {
  if (err instanceof DeliveryFailure) return err;
  if (err instanceof UserError) return new DeliveryFailure(err.message, err.en, false);
  const text = err instanceof Error ? err.message : String(err);
  return new DeliveryFailure(text, text, false);
}

/**
 * A channel the issue went to before: skipped, with when, and whether the message would now differ (an
 * issue rendered again after an edit), when that can be told (the channel's variables set, its files there).
 */
function skipped(channel: ChannelConfig, run: PublishRun, previous: DeliveryAttempt, clock: PublishClock): ChannelResult {
  let changed: boolean | undefined;
  try {
    changed = prepare(readyChannel(channel, run.env), run, clock.now()).digest !== previous.digest;
  } catch {
    changed = undefined;
  }
  return { name: channel.name, kind: channel.kind, status: 'skipped', attempts: 0, sentBefore: { sentAt: previous.sentAt, ...(changed === undefined ? {} : { changed }) } };
}

/** Sends the issue to one channel with retries, recording every try; skips a channel it went to before unless forced. */
async function deliver(channel: ChannelConfig, run: PublishRun, log: DeliveryLog, clock: PublishClock): Promise<ChannelResult> {
  const { brief, publish } = run;
  const previous = await log.lastSent(brief.date, channel.name);
  if (previous && !run.force) return skipped(channel, run, previous, clock);
  const base = { name: channel.name, kind: channel.kind };
  const secrets = secretValues(channel, run.env);
  const record = (attempt: number, digest: string, error: string | null) =>
    log.recordDelivery({ issueDate: brief.date, channel: channel.name, status: error === null ? 'sent' : 'failed', attempt, sentAt: toShanghaiIso(new Date(clock.now())), digest, error });
  for (let attempt = 1; ; attempt++) {
    // A failure before a message exists (a variable unset, a file missing) is recorded with an empty digest.
    let digest = '';
    try {
      const prepared = prepare(readyChannel(channel, run.env), run, clock.now());
      digest = prepared.digest;
      await send(prepared, publish);
      await record(attempt, digest, null);
      return { ...base, status: 'sent', attempts: attempt, form: prepared.kind === 'http' ? prepared.request.form : 'full' };
    } catch (err) {
      const failure = asFailure(err);
      const reason = { zh: redact(failure.message, secrets), en: redact(failure.en, secrets) };
      await record(attempt, digest, reason.en);
      if (!failure.transient || attempt > publish.retries) return { ...base, status: 'failed', attempts: attempt, reason };
      await clock.sleep(retryDelayMs(attempt - 1, publish.retryBaseMs, failure.retryAfter, clock.random, clock.now()));
    }
  }
}

/**
 * Publishes the issue: every selected channel at once, each with its own retries. Returns one result per
 * channel in the config's order. Throws a UserError only for an unknown --channel, before anything is sent.
 */
export async function publishIssue(run: PublishRun, log: DeliveryLog): Promise<ChannelResult[]> {
  const channels = selectedChannels(run.publish, run.only);
  const clock = run.clock ?? realClock;
  return Promise.all(channels.map((channel) => deliver(channel, run, log, clock)));
}

/**
 * What each selected channel would receive, built exactly as a send builds it (signed with the current
 * time), with the secrets masked: robot addresses, signatures, the SMTP password. Sends nothing and records
 * nothing; a channel that could not be prepared (a variable unset, a file missing) carries the reason.
 */
export async function previewIssue(run: PublishRun, log: Pick<DeliveryLog, 'lastSent'>): Promise<ChannelPreview[]> {
  const clock = run.clock ?? realClock;
  const channels = selectedChannels(run.publish, run.only);
  const sentBefore = await Promise.all(channels.map((channel) => log.lastSent(run.brief.date, channel.name)));
  return channels.map((channel, i) => {
    const previous = sentBefore[i];
    const base: ChannelPreview = { name: channel.name, kind: channel.kind, ...(previous ? { sentBefore: previous.sentAt } : {}) };
    const secrets = secretValues(channel, run.env);
    try {
      const prepared = prepare(readyChannel(channel, run.env), run, clock.now());
      if (prepared.kind === 'http') {
        const { shown } = prepared.request.message;
        return { ...base, http: { method: 'POST', url: redact(shown.url, secrets), headers: shown.headers, body: redact(shown.body, secrets), form: prepared.request.form } };
      }
      const { channel: mail, files } = prepared;
      const parts = [
        { role: 'text/plain', file: 'brief.md', bytes: Buffer.byteLength(files.markdown) },
        { role: 'text/html', file: 'brief.html', bytes: Buffer.byteLength(files.html) },
        { role: 'attachment application/pdf', file: pdfFileName(run.brief), bytes: files.pdf.length },
      ];
      return { ...base, mail: { server: shownServer(mail), from: mail.from, to: mail.to, subject: mailSubject(run.brief), parts } };
    } catch (err) {
      const failure = asFailure(err);
      return { ...base, reason: { zh: redact(failure.message, secrets), en: redact(failure.en, secrets) } };
    }
  });
}
