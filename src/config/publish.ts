import { z } from 'zod';

/**
 * The `publish:` section of the config: where an issue goes once written (issue 16, Channels). Secrets are
 * never written here: a channel names the environment variable that holds each one (`urlEnv`, `secretEnv`,
 * `passwordEnv`), and a key that would hold a secret itself (url, secret, password …) is refused with an
 * error naming the key.
 */

/** Channel kinds: WeCom group robot, Feishu/Lark custom bot, DingTalk custom robot, a generic webhook, e-mail. */
export const channelKinds = ['wecom', 'feishu', 'dingtalk', 'webhook', 'email'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/**
 * Keys that would put a secret in the YAML. A robot's address embeds its key (WeCom `?key=`, DingTalk
 * `?access_token=`, Feishu `/hook/<id>`), so the address is a secret too.
 */
const literalSecretKeys = ['url', 'webhook', 'secret', 'password', 'pass', 'key', 'token', 'accessToken', 'access_token', 'sign'] as const;

/** Which *Env key holds what a refused literal key would have held. */
const envKeyFor: Record<(typeof literalSecretKeys)[number], string> = {
  url: 'urlEnv', webhook: 'urlEnv', secret: 'secretEnv', password: 'passwordEnv', pass: 'passwordEnv',
  key: 'urlEnv', token: 'urlEnv', accessToken: 'urlEnv', access_token: 'urlEnv', sign: 'secretEnv',
};

/**
 * The name of an environment variable: upper-case letters, digits and underscores. The rule also keeps a
 * secret pasted where its variable's name belongs out of the config: robot secrets, keys and tokens have
 * lower-case letters or punctuation (a DingTalk SEC… secret, a hook id with dashes), and the error does not
 * repeat the value.
 */
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable (upper-case letters, digits, underscores), not the secret itself');

const channelName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

/** A robot whose address (with its key) is a secret in the environment and that signs with a secret. */
const signedRobot = { name: channelName, urlEnv: envName, secretEnv: envName };

const mailbox = z.string().trim().min(3).regex(/@/, 'an e-mail address');

const channelShape = z.discriminatedUnion('kind', [
  /** The WeCom group robot has no signing: its address is its only credential. */
  z.object({ kind: z.literal('wecom'), name: channelName, urlEnv: envName }).strict(),
  z.object({ kind: z.literal('feishu'), ...signedRobot }).strict(),
  z.object({ kind: z.literal('dingtalk'), ...signedRobot }).strict(),
  z.object({ kind: z.literal('webhook'), ...signedRobot }).strict(),
  z.object({
    kind: z.literal('email'),
    name: channelName,
    host: z.string().trim().min(1),
    port: z.number().int().min(1).max(65535).default(465),
    /** TLS from the first byte (port 465); otherwise the connection is upgraded with STARTTLS. */
    secure: z.boolean().default(true),
    /**
     * Without `secure`, refuse a server that does not offer STARTTLS, so the password and the issue never
     * cross the network in clear. Only a relay on this machine may do without (`requireTls: false`).
     */
    requireTls: z.boolean().default(true),
    user: z.string().trim().min(1).optional(),
    passwordEnv: envName.optional(),
    from: z.string().trim().min(1),
    to: z.array(mailbox).min(1),
    timeoutMs: z.number().int().positive().optional(),
  }).strict().refine((mail) => (mail.user === undefined) === (mail.passwordEnv === undefined), {
    message: 'user and passwordEnv go together (an SMTP login needs both)',
    path: ['passwordEnv'],
  }),
]);

/** Refuses a channel that writes a secret into the config, naming the key and the *Env key to use instead. */
const noLiteralSecrets = z.unknown().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null) return;
  for (const key of literalSecretKeys) {
    if (Object.hasOwn(value, key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `secrets are never written in the config: put it in an environment variable and name that variable with ${envKeyFor[key]}` });
    }
  }
});

/** One channel of `publish.channels`: a literal secret refused first, then the kind's own keys, strictly. */
export const channelSchema = noLiteralSecrets.pipe(channelShape);
/** A channel as the config gives it (names of environment variables, never their values). */
export type ChannelConfig = z.infer<typeof channelShape>;

/** The `publish:` section: the link base, retry settings and the channels (unique names). */
export const publishSchema = z.object({
  /**
   * The public address the issues are served under (out/ as a web folder): the full issue of D is
   * `<linkBase>/D/brief.html`. Robots and webhooks link to it; needed when one is configured.
   */
  linkBase: z.url({ protocol: /^https?$/, error: 'an http(s) address' }).optional(),
  /**
   * Whether `xinzhi schedule` publishes each issue it writes on its own. Off, an issue waits for an
   * editor's approval (the desk, or `xinzhi publish`); an issue with a section withheld always waits.
   */
  auto: z.boolean().default(false),
  /** Further tries of a channel that failed on the network, with 408, 429 or 5xx, or a robot's rate limit. */
  retries: z.number().int().min(0).max(10).default(2),
  /** Backoff: the wait before retry n (0-based) is up to retryBaseMs × 2^n, jittered; a Retry-After header wins. */
  retryBaseMs: z.number().int().min(1).default(1000),
  /** Per request, for the answer's headers and for each pause in its body. */
  timeoutMs: z.number().int().positive().default(15_000),
  channels: z.array(channelSchema).min(1),
}).strict()
  .superRefine((publish, ctx) => {
    const seen = new Set<string>();
    publish.channels.forEach((channel, i) => {
      if (seen.has(channel.name)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'name'], message: `channel name ${channel.name} is used twice` });
      seen.add(channel.name);
    });
  })
  .refine((publish) => publish.linkBase !== undefined || publish.channels.every((c) => c.kind === 'email'), {
    message: 'robots and webhooks link to the full issue: set publish.linkBase',
    path: ['linkBase'],
  });
/** The `publish:` section after defaults. */
export type PublishConfig = z.infer<typeof publishSchema>;
