/**
 * The `deepwire` command line's options: which language it speaks (`--lang`, else the
 * environment), and the arguments read and checked, every mistake a catalogue message so it is
 * reported in that language.
 */
import { parseArgs } from 'node:util';
import { DeepWireError } from '../../core/errors';
import { isLocale, msg, type Locale, type Message, type MessageKey } from '../../i18n';

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends DeepWireError {
  constructor(key: MessageKey, vars?: Message['vars'], readonly showUsage = false) {
    super(msg(key, vars));
  }
}

const OPTIONS = {
  epochs: { type: 'string' }, seed: { type: 'string' }, backend: { type: 'string' }, threads: { type: 'string' },
  json: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  to: { type: 'string' }, output: { type: 'string', short: 'o' }, lang: { type: 'string' },
} as const;

export interface CliArgs {
  readonly command?: string;
  readonly file?: string;
  /** Positionals after the file (a mistake). */
  readonly extra: readonly string[];
  readonly values: {
    epochs?: string; seed?: string; backend?: string; threads?: string; json?: boolean; out?: string;
    help?: boolean; to?: string; output?: string; lang?: string;
  };
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The language the environment asks for, as POSIX reads it: the first of LC_ALL, LC_MESSAGES
 * and LANG that is set decides; a value starting with `ko` (ko_KR.UTF-8, ko) is Korean, anything
 * else (C, en_US.UTF-8) English.
 */
export function localeFromEnv(env: Environment): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => !!v);
  return value?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The tokens of `argv`, leniently: unknown options and missing values are judged afterwards. */
function tokenize(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
}

/**
 * The language of this run: `--lang en|ko`, else the environment's.
 * @throws UsageError for a `--lang` value other than en or ko.
 */
export function chooseLocale(argv: readonly string[], env: Environment): Locale {
  // The last --lang wins, as with every option.
  const value = tokenize(argv).tokens.filter((t) => t.kind === 'option' && t.name === 'lang').map((t) => (t.kind === 'option' ? t.value : undefined)).at(-1);
  if (value === undefined) return localeFromEnv(env);
  if (!isLocale(value)) throw new UsageError('cli.args.lang', { value });
  return value;
}

/**
 * The command, its file and options, checked as `parseArgs` would check them in strict mode
 * (unknown options, missing values, values given to a flag), but with catalogue messages.
 */
export function parseCli(argv: readonly string[]): CliArgs {
  const { tokens, values, positionals } = tokenize(argv);
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const declared = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[t.name];
    if (!declared) throw new UsageError('cli.args.unknownOption', { option: t.rawName });
    // A separate value that looks like an option (`--out --json`) is a forgotten value, as strict parseArgs says.
    if (declared.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) {
      throw new UsageError('cli.args.missingValue', { option: t.rawName });
    }
    if (declared.type === 'boolean' && t.inlineValue) throw new UsageError('cli.args.takesNoValue', { option: t.rawName });
  }
  const [command, file, ...extra] = positionals;
  return { command, file, extra, values: values as CliArgs['values'] };
}
