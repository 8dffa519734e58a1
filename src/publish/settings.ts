/**
 * A configured channel made ready to send: its secrets read from the environment, its address checked.
 * Secrets come only from the environment (issue 16); an error names the variable, never its value.
 * Each value is read through src/util/secrets.ts, which remembers it, so the CLI's error line and every
 * report are cleaned of it too; the lines this module's callers show mask it as *** (redact).
 */
import type { ChannelConfig } from '../config/publish.ts';
import { UserError } from '../util/errors.ts';
import { optionalSecret } from '../util/secrets.ts';
import { MASK } from './delivery.ts';

/** The environment secrets are read from: process.env but for tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The value of the environment variable `variable` that channel `channel` needs. Throws a UserError naming
 * the channel and the variable when it is unset or empty.
 */
export function readChannelSecret(env: Environment, variable: string, channel: string): string {
  const value = optionalSecret(variable, env);
  if (value === undefined || value.trim() === '') {
    throw new UserError(`渠道 ${channel} 所需的环境变量 ${variable} 未设置`, `channel ${channel}: environment variable ${variable} is not set`);
  }
  return value.trim();
}

/**
 * The robot's or webhook's address in `variable`, which must be an http(s) URL. The address is a secret (it
 * holds the robot's key), so the error names the variable only. It comes from the operator, not from a
 * page, so an address on the LAN is allowed.
 */
export function readChannelAddress(env: Environment, variable: string, channel: string): URL {
  const value = readChannelSecret(env, variable, channel);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UserError(`渠道 ${channel}：环境变量 ${variable} 应为 http(s) 地址`, `channel ${channel}: environment variable ${variable} must hold an http(s) address`);
  }
  return url;
}

/** A channel with what it needs from the environment. */
export type ReadyChannel =
  | { kind: 'wecom'; config: Extract<ChannelConfig, { kind: 'wecom' }>; address: URL }
  | { kind: 'feishu' | 'dingtalk' | 'webhook'; config: Extract<ChannelConfig, { kind: 'feishu' | 'dingtalk' | 'webhook' }>; address: URL; secret: string }
  | { kind: 'email'; config: Extract<ChannelConfig, { kind: 'email' }>; password: string | undefined };

/** Reads a channel's secrets from `env`; throws a UserError naming the channel and the variable. */
export function readyChannel(config: ChannelConfig, env: Environment): ReadyChannel {
  switch (config.kind) {
    case 'wecom':
      return { kind: config.kind, config, address: readChannelAddress(env, config.urlEnv, config.name) };
    case 'feishu':
    case 'dingtalk':
    case 'webhook':
      return { kind: config.kind, config, address: readChannelAddress(env, config.urlEnv, config.name), secret: readChannelSecret(env, config.secretEnv, config.name) };
    case 'email':
      return { kind: config.kind, config, password: config.passwordEnv ? readChannelSecret(env, config.passwordEnv, config.name) : undefined };
  }
}

/**
 * Every secret value a channel holds, and the forms in which it could appear in text: URL-encoded, and a
 * robot address's key alone (each query value of eight characters or more, each path segment of sixteen or
 * more). What redact() takes out of every line printed or stored.
 */
export function secretValues(config: ChannelConfig, env: Environment): string[] {
  const variables = config.kind === 'email' ? [config.passwordEnv] : config.kind === 'wecom' ? [config.urlEnv] : [config.urlEnv, config.secretEnv];
  const values: string[] = [];
  for (const variable of variables) {
    const value = variable ? env[variable]?.trim() : undefined;
    if (!value) continue;
    values.push(value, encodeURIComponent(value));
    if (URL.canParse(value)) {
      const url = new URL(value);
      // A key in a path is a long random segment (a Feishu hook id is a UUID); words like open-apis are not.
      const segments = url.pathname.split('/').filter((segment) => segment.length >= 16);
      values.push(url.href, ...[...url.searchParams.values()].filter((key) => key.length >= 8), ...segments);
    }
  }
  return [...new Set(values.filter((value) => value.length >= 4))];
}

/** Text with every secret replaced by ***, longest first (an address before the key inside it). */
export function redact(text: string, secrets: readonly string[]): string {
  return [...secrets].sort((a, b) => b.length - a.length).reduce((result, secret) => result.split(secret).join(MASK), text);
}
