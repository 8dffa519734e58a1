/**
 * E-mail over SMTP with nodemailer: the issue's web edition (brief.html) as the HTML body, its Markdown
 * (brief.md) as the text alternative, and brief.pdf attached. nodemailer encodes what needs encoding: the
 * Chinese subject as RFC 2047 encoded words, the attachment's Chinese file name per RFC 2231, the parts in
 * base64 or quoted-printable. The message is built by a pure function; sendMail is the I/O.
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Brief } from '../domain/brief.ts';
import type { ChannelConfig } from '../config/publish.ts';
import { sha256Hex } from '../util/hash.ts';
import { chineseFullDate } from '../util/time.ts';
import { DeliveryFailure } from './delivery.ts';

/** The e-mail channel's settings, as the config gives them. */
export type EmailChannel = Extract<ChannelConfig, { kind: 'email' }>;

/** The rendered issue an e-mail carries, read from out/<date>/. */
export interface IssueFiles {
  /** brief.html */
  html: string;
  /** brief.md */
  markdown: string;
  /** brief.pdf */
  pdf: Buffer;
}

/** The subject: the brief's title and its date as the masthead writes it (新质生产力每日动态 2026年6月19日). */
export function mailSubject(brief: Brief): string {
  return `${brief.title} ${chineseFullDate(brief.date)}`;
}

/** The PDF's file name: the title and the date, with characters no file system takes replaced. */
export function pdfFileName(brief: Brief): string {
  return `${brief.title.replace(/[\\/:*?"<>|\s]+/g, '_')}-${brief.date}.pdf`;
}

/**
 * The web edition made mail-safe: nodemailer turns its data: images (the QR code) into inline attachments
 * (attachDataUrls), which mail clients show where they block data: addresses, so the page's security policy
 * also allows cid: images. Nothing else changes: every text in it was escaped when it was rendered.
 */
export function mailHtml(html: string): string {
  return html.replace(/img-src data:(?=["';])/, 'img-src data: cid:');
}

/** The message nodemailer sends for a brief: from, to, subject, text, html and the PDF. */
export function mailMessage(brief: Brief, files: IssueFiles, channel: Pick<EmailChannel, 'from' | 'to'>): Mail.Options {
  return {
    from: channel.from,
    to: channel.to,
    subject: mailSubject(brief),
    text: files.markdown,
    html: mailHtml(files.html),
    attachments: [{ filename: pdfFileName(brief), content: files.pdf, contentType: 'application/pdf' }],
    attachDataUrls: true,
  };
}

/** The SHA-256 of what the e-mail carries (subject, recipients, the three files): the store's digest, the same on every try. */
export function mailDigest(brief: Brief, files: IssueFiles, channel: Pick<EmailChannel, 'to'>): string {
  const parts = { subject: mailSubject(brief), to: channel.to, html: sha256Hex(Buffer.from(files.html)), text: sha256Hex(Buffer.from(files.markdown)), pdf: sha256Hex(files.pdf) };
  return sha256Hex(Buffer.from(JSON.stringify(parts)));
}

/** The server as it may be shown: user, host, port and how the connection is protected; never the password. */
export function shownServer(channel: EmailChannel): string {
  const protection = channel.secure ? 'TLS' : channel.requireTls ? 'STARTTLS required' : 'STARTTLS if offered';
  return `smtp://${channel.user ? `${channel.user}@` : ''}${channel.host}:${channel.port} (${protection})`;
}

/** SMTP failures worth another try: the connection, a timeout, DNS, or a 4xx reply (the server's "try later"). */
const transientCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

/**
 * Sends the message through the channel's server, logging in as `user` with `password` when the channel
 * has a user. Without `secure`, STARTTLS is required unless the channel says `requireTls: false`. Throws a
 * DeliveryFailure: transient for a connection failure, a timeout or a 4xx reply; permanent otherwise (the
 * login refused, TLS missing, a recipient refused for good).
 */
export async function sendMail(channel: EmailChannel, password: string | undefined, message: Mail.Options, timeoutMs: number): Promise<void> {
  const timeout = channel.timeoutMs ?? timeoutMs;
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    requireTLS: !channel.secure && channel.requireTls,
    auth: channel.user ? { user: channel.user, pass: password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // The message is built of buffers and strings: no path or address in it may be read.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail(message);
  } catch (err) {
    const { code, responseCode, message: text } = err as Error & { code?: string; responseCode?: number };
    const transient = (code !== undefined && transientCodes.has(code)) || (responseCode !== undefined && responseCode >= 400 && responseCode < 500);
    const what = [code, text].filter(Boolean).join(' ');
    throw new DeliveryFailure(`SMTP 发送失败：${what}`, `SMTP delivery failed: ${what}`, transient);
  } finally {
    transport.close();
  }
}
