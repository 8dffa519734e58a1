import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { errorLine, UserError } from '../util/errors.ts';
import { redactSecrets } from '../util/secrets.ts';
import { t, type Lang } from '../util/i18n.ts';
import { commandHelp, commandSpecs, commonOptions, generalHelp, optionSpecs, type CommandSpec, type OptionName } from './commands.ts';
import type { CommandContext } from './context.ts';

/** parseArgs' option table, from the specs (the help texts stay out). */
const options = Object.fromEntries(
  Object.entries(optionSpecs).map(([name, spec]) => [name, 'short' in spec ? { type: spec.type, short: spec.short } : { type: spec.type }]),
) as { [K in OptionName]: { type: (typeof optionSpecs)[K]['type']; short?: string } };

/** The package's version, from its package.json. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/**
 * node:util's parse errors, in the user's language: its messages are English only
 * (ERR_PARSE_ARGS_UNKNOWN_OPTION, ERR_PARSE_ARGS_INVALID_OPTION_VALUE).
 */
function parseError(err: NodeJS.ErrnoException): UserError {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UserError(`未知选项 ${option}（xinzhi --help 列出全部命令与选项）`, `unknown option ${option} (xinzhi --help lists every command and option)`);
  if (/does not take an argument/.test(err.message)) return new UserError(`选项 ${option} 不带值`, `option ${option} takes no value`);
  if (/argument missing|argument is ambiguous/.test(err.message)) return new UserError(`选项 ${option} 缺少值`, `option ${option} needs a value`);
  return new UserError(`无法解析参数：${err.message}`, `cannot parse the arguments: ${err.message}`);
}

/** Refuses what a command does not take: another command's option, or arguments beyond its own. */
function checkArguments(name: string, spec: CommandSpec, given: Record<string, unknown>, positionals: string[]): void {
  const allowed = new Set<string>([...spec.options, ...commonOptions]);
  const foreign = Object.keys(given).filter((option) => given[option] !== undefined && !allowed.has(option));
  if (foreign.length > 0) {
    const list = foreign.map((o) => `--${o}`).join(' ');
    throw new UserError(`命令 ${name} 不接受选项 ${list}（xinzhi ${name} --help 列出其选项）`, `command ${name} does not take ${list} (xinzhi ${name} --help lists its options)`);
  }
  const [least, most] = spec.positionals;
  if (positionals.length < least || positionals.length > most) {
    throw new UserError(`用法：xinzhi ${name} ${spec.args.zh}`, `usage: xinzhi ${name} ${spec.args.en}`);
  }
}

/** The language asked for by --lang or XINZHI_LANG, if any. */
function chosenLanguage(value: unknown): Lang | undefined {
  const chosen = value ?? process.env.XINZHI_LANG;
  if (chosen === undefined || chosen === '') return undefined;
  if (chosen === 'zh' || chosen === 'en') return chosen;
  throw new UserError(`--lang 只能是 zh 或 en，而不是 ${String(chosen)}`, `--lang must be zh or en, not ${String(chosen)}`);
}

/** Runs the CLI; returns the exit code. Every failure is one line on stderr and a non-zero code. */
export async function main(argv: string[], print: (line: string) => void = (line) => console.log(line)): Promise<number> {
  // Until the arguments parse, a plain look at --lang picks the language of a parse error.
  let lang: Lang = (argv.includes('--lang') && argv[argv.indexOf('--lang') + 1] === 'en') || process.env.XINZHI_LANG === 'en' ? 'en' : 'zh';
  let context: CommandContext | undefined;
  try {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true }>>;
    try {
      parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    } catch (err) {
      throw (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') ? parseError(err as NodeJS.ErrnoException) : err;
    }
    const chosen = chosenLanguage(parsed.values.lang);
    lang = chosen ?? 'zh';
    const [first, ...rest] = parsed.positionals;
    if (parsed.values.version) {
      print(`xinzhi ${version()}`);
      return 0;
    }
    // `xinzhi help [COMMAND]` is `xinzhi [COMMAND] --help`.
    const asksHelp = first === 'help' || parsed.values.help === true;
    const name = first === 'help' ? rest[0] : first;
    const positionals = first === 'help' ? rest.slice(1) : rest;
    if (!name) {
      print(generalHelp(lang));
      return asksHelp ? 0 : 2;
    }
    const spec = Object.hasOwn(commandSpecs, name) ? commandSpecs[name] : undefined;
    if (!spec) {
      throw new UserError(t('zh', 'unknownCommand', name), t('en', 'unknownCommand', name));
    }
    if (asksHelp) {
      print(commandHelp(name, spec, lang));
      return 0;
    }
    checkArguments(name, spec, parsed.values, positionals);
    // The config loader and the store are loaded only for a command that runs: help answers without them.
    const { contextPaths } = await import('./context.ts');
    context = { positionals, values: parsed.values, lang, langChosen: chosen !== undefined, json: parsed.values.json === true, print, ...contextPaths(parsed.values) };
    const command = await spec.load();
    return await command(context);
  } catch (thrown) {
    lang = context?.lang ?? lang;
    const sqlite = context && String((thrown as NodeJS.ErrnoException).code).startsWith('SQLITE_');
    const err = sqlite ? (await import('../store/sqlite.ts')).databaseError(thrown, context!.dataDir) : thrown;
    const line = err instanceof UserError ? errorLine(err, lang) : `${t(lang, 'failed', errorLine(err, lang))}`;
    // The line may quote a URL or a provider's answer: no secret leaves with it.
    process.stderr.write(`xinzhi: ${redactSecrets(line)}\n`);
    if (process.env.XINZHI_DEBUG && err instanceof Error) process.stderr.write(`${redactSecrets(err.stack ?? '')}\n`);
    return 1;
  }
}
