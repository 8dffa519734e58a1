import { parseArgs } from 'node:util';
import { errorLine, UserError } from '../util/errors.ts';
import { t, type Lang } from '../util/i18n.ts';
import { briefCommand } from './brief.ts';
import { contextPaths, type CommandContext } from './context.ts';
import { explainCommand } from './explain.ts';
import { extractCommand } from './extract.ts';
import { importCommand } from './import.ts';
import { renderCommand } from './render.ts';
import { demoCommand, runCommand } from './run.ts';
import { sourcesCommand } from './sources.ts';
import { verifyCommand } from './verify.ts';

type Command = (context: CommandContext) => number | Promise<number>;

const commands: Record<string, Command> = {
  run: runCommand,
  demo: demoCommand,
  brief: briefCommand,
  explain: explainCommand,
  render: renderCommand,
  verify: verifyCommand,
  extract: extractCommand,
  sources: sourcesCommand,
  import: importCommand,
};

/** Named in the CLI contract and reserved; each arrives with the issue that builds it. */
const plannedCommands = new Set(['publish', 'schedule', 'serve', 'worker']);

const options = {
  config: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  date: { type: 'string' },
  replay: { type: 'string' },
  url: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  source: { type: 'string' },
  update: { type: 'boolean' },
  // Seconds to wait for another command holding the data folder's lock (run, demo, import, brief).
  wait: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

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
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const chosen = chosenLanguage(parsed.values.lang);
    lang = chosen ?? 'zh';
    const [name, ...positionals] = parsed.positionals;
    if (!name || parsed.values.help) {
      print(t(lang, 'usage'));
      return name ? 0 : 2;
    }
    const command = commands[name];
    if (!command) {
      if (plannedCommands.has(name)) throw new UserError(t('zh', 'notYet', name), t('en', 'notYet', name));
      throw new UserError(t('zh', 'unknownCommand', name), t('en', 'unknownCommand', name));
    }
    context = { positionals, values: parsed.values, lang, langChosen: chosen !== undefined, json: parsed.values.json === true, print, ...contextPaths(parsed.values) };
    return await command(context);
  } catch (err) {
    lang = context?.lang ?? lang;
    const line = err instanceof UserError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') ? errorLine(err, lang) : `${t(lang, 'failed', errorLine(err, lang))}`;
    process.stderr.write(`xinzhi: ${line}\n`);
    if (process.env.XINZHI_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
