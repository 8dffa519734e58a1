/**
 * The commands of the CLI and what each takes: its arguments, its options, a line on what it does, all in
 * Chinese and English. `xinzhi COMMAND --help` prints these, and the parser refuses an option the command
 * does not take. Each command's code is loaded only when it runs, so `--help` starts fast.
 */
import stringWidth from 'string-width';
import type { Lang } from '../util/i18n.ts';
import type { CommandContext } from './context.ts';

/** A command's code: returns its exit code. */
export type Command = (context: CommandContext) => number | Promise<number>;

type Text = Record<Lang, string>;

/** Every option the CLI knows, as node:util parseArgs reads them, with its help line. */
export const optionSpecs = {
  config: { type: 'string', value: { zh: '文件', en: 'FILE' }, help: { zh: '配置文件（默认 config/xinzhi.yaml）', en: 'the config file (default config/xinzhi.yaml)' } },
  data: { type: 'string', value: { zh: '目录', en: 'DIR' }, help: { zh: '数据目录：SQLite 文件与归档（默认 ./data）', en: 'the data folder: the SQLite file and the archives (default ./data)' } },
  out: { type: 'string', value: { zh: '目录', en: 'DIR' }, help: { zh: '输出目录，每期一个子目录（默认 ./out）', en: 'the output folder, one folder an issue (default ./out)' } },
  lang: { type: 'string', value: { zh: 'zh|en', en: 'zh|en' }, help: { zh: '提示语言（默认中文；也可设 XINZHI_LANG）', en: 'the language of messages (default Chinese; or set XINZHI_LANG)' } },
  json: { type: 'boolean', help: { zh: '输出 JSON，供程序读取', en: 'print JSON, for programs' } },
  date: { type: 'string', value: { zh: 'YYYY-MM-DD', en: 'YYYY-MM-DD' }, help: { zh: '期号日期：收录其前一天（北京时间）的文件', en: 'the issue date: it covers the day before, Beijing time' } },
  replay: { type: 'string', value: { zh: '归档', en: 'ARCHIVE' }, help: { zh: '重放 WARC 文件或目录，不联网抓取', en: 'replay a WARC file or folder instead of fetching live' } },
  url: { type: 'string', value: { zh: '网址', en: 'URL' }, help: { zh: '页面原来的网址（用于解析相对链接）', en: 'the address the page was served at (for its relative links)' } },
  brief: { type: 'string', value: { zh: '编号', en: 'ID' }, help: { zh: '只处理 config/briefs/ 中这一份简报（默认全部）', en: 'only this brief of config/briefs/ (default: every brief)' } },
  source: { type: 'string', value: { zh: '编号,…', en: 'ID,…' }, help: { zh: '只处理这些来源（逗号分隔）', en: 'only these sources (comma-separated)' } },
  update: { type: 'boolean', help: { zh: '把检查结果写回来源目录（verified: true/false，保留注释）', en: 'write the result into the catalog (verified: true/false, comments kept)' } },
  channel: { type: 'string', value: { zh: '名称', en: 'NAME' }, help: { zh: '只发送到这个渠道（publish.channels 中的 name）', en: 'send to this channel only (a name in publish.channels)' } },
  'dry-run': { type: 'boolean', help: { zh: '只显示每个渠道将收到的内容（密钥已遮盖），不发送、不记录', en: 'show what each channel would get (secrets masked); send and record nothing' } },
  force: { type: 'boolean', help: { zh: '已发送过的渠道也重新发送', en: 'send again to channels that already have the issue' } },
  wait: { type: 'string', value: { zh: '秒数', en: 'SECONDS' }, help: { zh: '数据目录正被另一命令使用时最多等待的秒数（默认不等，立即报错）', en: 'seconds to wait while another command holds the data folder (default: refuse at once)' } },
  once: { type: 'boolean', help: { zh: '只运行此刻到期的任务后退出（供 crontab 使用）', en: 'run what is due now, then exit (for a crontab line)' } },
  host: { type: 'string', value: { zh: '地址', en: 'HOST' }, help: { zh: '监听地址（默认 127.0.0.1）', en: 'the address to listen on (default 127.0.0.1)' } },
  port: { type: 'string', value: { zh: '端口', en: 'PORT' }, help: { zh: '监听端口（默认 4180）', en: 'the port to listen on (default 4180)' } },
  'create-user': { type: 'string', value: { zh: '账号', en: 'NAME' }, help: { zh: '新建（或重设）编辑台账号后退出；密码从环境变量 XINZHI_DESK_PASSWORD 或标准输入读取', en: 'create (or reset) a desk account, then exit; the password is read from XINZHI_DESK_PASSWORD or stdin' } },
  role: { type: 'string', value: { zh: 'editor|viewer', en: 'editor|viewer' }, help: { zh: '新账号的角色：editor 可编辑发布，viewer 只读（默认 editor）', en: 'the new account\'s role: editor (edit and publish) or viewer (read only); default editor' } },
  concurrency: { type: 'string', value: { zh: '数量', en: 'N' }, help: { zh: '同时处理的任务数（默认 crawl.concurrency）', en: 'jobs in hand at once (default crawl.concurrency)' } },
  all: { type: 'boolean', help: { zh: '全部失败任务', en: 'every failed job' } },
  again: { type: 'boolean', help: { zh: '再次运行已完成或失败的一期：先移除它此前的全部任务', en: 'run a finished or failed issue again: its earlier jobs are removed first' } },
  help: { type: 'boolean', short: 'h', help: { zh: '显示帮助', en: 'show help' } },
  version: { type: 'boolean', short: 'v', help: { zh: '显示版本', en: 'show the version' } },
} as const satisfies Record<string, { type: 'string' | 'boolean'; short?: string; value?: Text; help: Text }>;

export type OptionName = keyof typeof optionSpecs;

/** Options every command takes. */
export const commonOptions: readonly OptionName[] = ['config', 'data', 'lang', 'help'];

export interface CommandSpec {
  /** What follows `xinzhi NAME` in a usage line, options aside. */
  args: Text;
  /** How many arguments it takes: at least, at most. */
  positionals: readonly [number, number];
  summary: Text;
  /** Its options beyond the common ones. */
  options: readonly OptionName[];
  /** What an option means to this command, where it differs from its general line. */
  optionHelp?: Partial<Record<OptionName, Text>>;
  load: () => Promise<Command>;
}

/** The help of --brief for a command about one issue (cli/context.ts openBriefScope). */
const ONE_BRIEF = { zh: '这一期属于 config/briefs/ 中的哪一份简报（有多份时必填）', en: 'which brief of config/briefs/ the issue belongs to (required when there are several)' };

/** The commands, in the order `xinzhi --help` lists them. */
export const commandSpecs: Record<string, CommandSpec> = {
  run: {
    args: { zh: '--date YYYY-MM-DD [--replay 归档]', en: '--date YYYY-MM-DD [--replay ARCHIVE]' },
    positionals: [0, 0],
    summary: { zh: '每日主流程：抓取（或重放归档）、抽取、入库、分析、选题、写作、核查、生成各格式', en: 'the main job for one issue: crawl (or replay), extract, store, analyze, select, write, verify, render' },
    options: ['date', 'replay', 'brief', 'out', 'wait', 'json'],
    load: async () => (await import('./run.ts')).runCommand,
  },
  demo: {
    args: { zh: '[--date YYYY-MM-DD] [--replay 归档]', en: '[--date YYYY-MM-DD] [--replay ARCHIVE]' },
    positionals: [0, 0],
    summary: { zh: '用自带的样例日（samples/2026-06-18）写一期简报', en: 'write the issue of the bundled sample day (samples/2026-06-18)' },
    options: ['date', 'replay', 'brief', 'out', 'wait', 'json'],
    load: async () => (await import('./run.ts')).demoCommand,
  },
  brief: {
    args: { zh: '--date YYYY-MM-DD', en: '--date YYYY-MM-DD' },
    positionals: [0, 0],
    summary: { zh: '用已入库的文件重新写作并生成某期，不抓取', en: 'recompose and render an issue from the stored documents, without fetching' },
    options: ['date', 'brief', 'out', 'wait', 'json'],
    load: async () => (await import('./brief.ts')).briefCommand,
  },
  explain: {
    args: { zh: '--date YYYY-MM-DD', en: '--date YYYY-MM-DD' },
    positionals: [0, 0],
    summary: { zh: '列出当期候选及其相关度、重要性、发文机关与转载，说明为何入选或落选', en: 'the candidates of an issue with relevance, significance, issuer and reposts, and why each was or was not picked' },
    options: ['date', 'brief', 'json'],
    optionHelp: { brief: ONE_BRIEF },
    load: async () => (await import('./explain.ts')).explainCommand,
  },
  render: {
    args: { zh: '<brief.json>', en: 'BRIEF.json' },
    positionals: [1, 1],
    summary: { zh: '按配置重新生成一份（编辑改过的）brief.json 的各格式，生成前重新核查', en: 'render a (possibly edited) brief.json again in every configured format, checking it first' },
    options: ['brief', 'out', 'json'],
    optionHelp: { brief: ONE_BRIEF },
    load: async () => (await import('./render.ts')).renderCommand,
  },
  verify: {
    args: { zh: '<brief.json>', en: 'BRIEF.json' },
    positionals: [1, 1],
    summary: { zh: '对照已入库的来源核查一份简报；有未通过项时非零退出', en: 'check a brief against the stored sources; non-zero exit when a check fails' },
    options: ['brief', 'json'],
    optionHelp: { brief: ONE_BRIEF },
    load: async () => (await import('./verify.ts')).verifyCommand,
  },
  extract: {
    args: { zh: '<页面文件>... [--url 网址]', en: 'PAGE... [--url URL]' },
    positionals: [1, Infinity],
    summary: { zh: '显示抽取器从保存的 HTML 页面中读到的内容', en: 'what the extractor finds on saved HTML pages' },
    options: ['url', 'json'],
    load: async () => (await import('./extract.ts')).extractCommand,
  },
  import: {
    args: { zh: '<文件.warc[.gz]|目录>', en: 'FILE.warc[.gz]|DIR' },
    positionals: [1, 1],
    summary: { zh: '导入别处制作的 WARC 归档，经同一抽取与入库流程', en: 'ingest WARC archives made elsewhere through the same extract and store path' },
    options: ['wait', 'json'],
    load: async () => (await import('./import.ts')).importCommand,
  },
  sources: {
    args: { zh: '[list|check|status] [--source 编号,…] [--update]', en: '[list|check|status] [--source ID,…] [--update]' },
    positionals: [0, 1],
    summary: { zh: '来源目录：列出、联网检查每个入口、查看抓取健康状况', en: 'the source catalog: list it, check every entry point online, see crawl health' },
    options: ['source', 'update', 'json'],
    load: async () => (await import('./sources.ts')).sourcesCommand,
  },
  schedule: {
    args: { zh: '[--once]', en: '[--once]' },
    positionals: [0, 0],
    summary: { zh: '按 schedule.cron 每天定时运行主流程；补跑错过的一期，失败后重试一次', en: 'run the main job daily at schedule.cron; catch up a missed issue, retry a failed run once' },
    options: ['once', 'out', 'wait', 'json'],
    load: async () => (await import('./schedule.ts')).scheduleCommand,
  },
  publish: {
    args: { zh: '--date YYYY-MM-DD [--channel 名称] [--dry-run] [--force]', en: '--date YYYY-MM-DD [--channel NAME] [--dry-run] [--force]' },
    positionals: [0, 0],
    summary: { zh: '把写好的一期发送到配置的渠道（企业微信、飞书、钉钉、Webhook、邮件）；已发送的不重发', en: 'send a written issue to the configured channels (WeCom, Feishu, DingTalk, webhook, email); never twice' },
    options: ['date', 'channel', 'dry-run', 'force', 'brief', 'out', 'wait', 'json'],
    optionHelp: {
      brief: ONE_BRIEF,
      date: { zh: '要发送的那一期', en: 'the issue to send' },
      out: { zh: '各期所在的输出目录（从中读取 <期号>/brief.json 等文件；默认 ./out）', en: 'the output folder the issues are in (<date>/brief.json and the rest are read from it; default ./out)' },
    },
    load: async () => (await import('./publish.ts')).publishCommand,
  },
  serve: {
    args: { zh: '[--host 地址] [--port 端口] | --create-user 账号 [--role editor|viewer]', en: '[--host HOST] [--port PORT] | --create-user NAME [--role editor|viewer]' },
    positionals: [0, 0],
    summary: { zh: '编辑台（网页）：审阅、修改、核查、批准并发布每期；检索归档；管理来源', en: 'the editor\'s desk (web): review, correct, check, approve and publish issues; search the archive; manage sources' },
    options: ['host', 'port', 'brief', 'out', 'create-user', 'role'],
    optionHelp: { brief: ONE_BRIEF },
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  worker: {
    args: { zh: '[--concurrency 数量]', en: '[--concurrency N]' },
    positionals: [0, 0],
    summary: {
      zh: '任务队列的工作进程：抓取来源与页面、生成简报，直到 Ctrl-C；可在多台机器上运行多个（共用 Redis 与数据库）',
      en: 'a worker of the job queue: crawls sources and pages and writes briefs until Ctrl-C; run any number on any machines (sharing Redis and the store)',
    },
    options: ['concurrency', 'out', 'json'],
    optionHelp: { out: { zh: '简报任务写入的输出目录（默认 ./out）', en: 'where brief jobs write issues (default ./out)' } },
    load: async () => (await import('./worker.ts')).workerCommand,
  },
  jobs: {
    args: { zh: '[enqueue --date YYYY-MM-DD [--again] [--brief 编号] | failed | retry ID|--all]', en: '[enqueue --date YYYY-MM-DD [--again] [--brief ID] | failed | retry ID|--all]' },
    positionals: [0, 2],
    summary: {
      zh: '任务队列：各状态任务数；加入某一期（enqueue；--again 重新运行已完成或失败的一期）；失败任务清单（failed）；重新排队（retry：只重跑该任务，简报不会重新抓取）',
      en: 'the job queue: jobs by state; enqueue an issue (enqueue; --again runs a finished or failed one again); the failed jobs (failed); queue them again (retry: the job alone, a brief does not crawl again)',
    },
    options: ['date', 'again', 'brief', 'all', 'json'],
    optionHelp: {
      date: { zh: 'enqueue：要加入队列的期号', en: 'enqueue: the issue to enqueue' },
      brief: { zh: 'enqueue：只加入 config/briefs/ 中这一份简报（只抓取它的来源；默认全部简报）', en: 'enqueue: only this brief of config/briefs/ (only its sources are crawled; default: every brief)' },
      again: {
        zh: 'enqueue：这一期已完成或失败（如抓取时网站不通）时，移除它此前的任务（简报、来源抓取、页面）后重新加入，重新抓取并生成；仍在进行时拒绝',
        en: 'enqueue: when the issue has finished or failed (the sites were down, say), remove its earlier jobs (brief, crawl-source, pages) and enqueue it anew: crawled and written again; refused while it is in progress',
      },
      all: { zh: 'retry：重新排队全部失败任务', en: 'retry: queue every failed job again' },
    },
    load: async () => (await import('./jobs.ts')).jobsCommand,
  },
};


function optionLine(name: OptionName, lang: Lang, command?: CommandSpec): [string, string] {
  const spec: { value?: Text; help: Text } = optionSpecs[name];
  return [`--${name}${spec.value ? ` ${spec.value[lang]}` : ''}`, (command?.optionHelp?.[name] ?? spec.help)[lang]];
}

/** Two columns, the first padded to its widest entry as a terminal shows it (a Chinese character takes two cells). */
function columns(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => stringWidth(left)));
  return rows.map(([left, right]) => `  ${left}${' '.repeat(width - stringWidth(left))}  ${right}`);
}

/** `xinzhi --help`: every command with its line, and the options all share. */
export function generalHelp(lang: Lang): string {
  const zh = lang === 'zh';
  return [
    zh ? '用法：xinzhi <命令> [选项]    （xinzhi <命令> --help 查看该命令的全部选项）' : 'usage: xinzhi <command> [options]    (xinzhi <command> --help lists its options)',
    '',
    zh ? '命令：' : 'commands:',
    ...columns(Object.entries(commandSpecs).map(([name, spec]) => [name, spec.summary[lang]])),
    '',
    zh ? '通用选项：' : 'common options:',
    ...columns([...commonOptions, 'version' as const].map((name) => optionLine(name, lang))),
  ].join('\n');
}

/** `xinzhi COMMAND --help`: its usage, what it does, and every option it takes. */
export function commandHelp(name: string, spec: CommandSpec, lang: Lang): string {
  const zh = lang === 'zh';
  return [
    `${zh ? '用法：' : 'usage: '}xinzhi ${name} ${spec.args[lang]}`,
    spec.summary[lang],
    '',
    zh ? '选项：' : 'options:',
    ...columns([...spec.options, ...commonOptions].map((option) => optionLine(option, lang, spec))),
  ].join('\n');
}
