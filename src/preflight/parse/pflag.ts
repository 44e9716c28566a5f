/**
 * Parses a velero argv the way cobra + pflag do (see velero-cli.md §1): command path lookup with flags
 * stripped, interspersed flags, `--` terminator, NoOptDefVal booleans that never take a separate value,
 * value flags that consume the next token even when it looks like a flag, shorthand groups.
 * It never throws: problems become ParseErrors, as Velero would report them.
 */
import { closestWord, editDistance } from '../suggest.js';
import {
  COMMANDS,
  GLOBAL_FLAGS,
  OTHER_TOP_LEVEL,
  VISIBLE_TOP_LEVEL,
  takesNoValue,
  type CommandSpec,
  type FlagSpec,
} from '../model/flags.js';
import { versionAtLeast, type Version } from '../version.js';
import { at, group, present } from '../checked.js';
import { labelSelectorFlagProblem } from '../../velero/label-selector.js';

export interface SourceLocation {
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Token {
  text: string;
  /** True when the shell word holds an expansion ($VAR, $(...), `...`, globs) the preflight cannot evaluate. */
  unknown?: boolean;
  loc?: SourceLocation;
  /** The word exactly as written in the source (quotes included), kept so --write never re-quotes an untouched word. */
  raw?: string;
}

export type FlagForm = 'inline' | 'separate' | 'bare' | 'shorthand';

export interface FlagUse {
  flag: FlagSpec;
  /** As written: `--include-namespaces`, `-l`. */
  written: string;
  tokenIndex: number;
  /** Token holding the value when it was a separate token. */
  valueTokenIndex?: number;
  value: string;
  form: FlagForm;
  /** A value flag took a following token that itself looks like a flag (`--include-cluster-scoped-resources --wait`). */
  swallowedFlag: boolean;
  /** The value contains a shell expansion the preflight cannot evaluate. */
  unknownValue: boolean;
  /** The flag came from the root command's persistent set. */
  global: boolean;
}

export type ParseErrorCode =
  'unknown-flag' | 'needs-argument' | 'invalid-value' | 'arg-count' | 'unknown-command' | 'unknown-subcommand';

export interface ParseError {
  code: ParseErrorCode;
  message: string;
  tokenIndex: number;
  flag?: string;
  /** For an unknown flag: the flag of this command it is a near miss of (not part of pflag's own message). */
  suggestion?: string;
}

export interface ParsedCommand {
  tokens: Token[];
  command?: CommandSpec;
  /** For velero commands the preflight does not model (`velero server`), and for a bare group (`velero backup`). */
  otherCommand?: string;
  /**
   * A command group (`backup`, `get`, `client config`) followed by a word that is none of its subcommands: cobra
   * stops at the group, which has no Run, and prints the group's help with exit code 0 (see unknownSubcommand).
   */
  group?: string;
  pathTokenIndexes: number[];
  uses: FlagUse[];
  positionals: number[];
  errors: ParseError[];
  terminatorIndex?: number;
  /**
   * `--help`/`-h` was given: once the flags parsed, cobra prints the command's help and exits 0, before checking
   * arguments and before the command's own validation runs. Nothing of the line is carried out.
   */
  helpRequested?: boolean;
}

const BOOL_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

export function parseGoBool(text: string): boolean | undefined {
  if (!BOOL_WORDS.has(text)) return undefined;
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text);
}

export function isBoolWord(text: string): boolean {
  return BOOL_WORDS.has(text);
}

/** Go's time.ParseDuration grammar; returns nanoseconds or undefined. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  const m = /^([-+]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!m) return undefined;
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  for (const part of group(m, 2).matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(part[1]) * present(units[group(part, 2)], 'duration unit');
  return m[1] === '-' ? -total : total;
}

function lookupLong(
  name: string,
  command: CommandSpec | undefined,
  version: Version,
): { flag?: FlagSpec; global: boolean; tooNew?: FlagSpec } {
  const local = command?.flags.find((fl) => fl.name === name);
  const candidate = local ?? GLOBAL_FLAGS.find((fl) => fl.name === name);
  if (!candidate) return { global: false };
  if (
    (candidate.since && !versionAtLeast(version, candidate.since)) ||
    (candidate.until && versionAtLeast(version, candidate.until))
  )
    return { global: !local, tooNew: candidate };
  return { flag: candidate, global: !local };
}

/**
 * The flag this command takes in this version that an unknown `name` is a near miss of, so `--include-namespace`
 * gets its correction instead of only "unknown flag".
 */
function nearMiss(name: string, command: CommandSpec | undefined, version: Version): string | undefined {
  const names = [...(command?.flags ?? []), ...GLOBAL_FLAGS]
    .filter((fl) => lookupLong(fl.name, command, version).flag === fl)
    .map((fl) => fl.name);
  return closestWord(name, names);
}

function lookupShort(
  ch: string,
  command: CommandSpec | undefined,
  version: Version,
): { flag?: FlagSpec; global: boolean } {
  const local = command?.flags.find((fl) => fl.shorthand === ch);
  const candidate = local ?? GLOBAL_FLAGS.find((fl) => fl.shorthand === ch);
  if (!candidate || (candidate.since && !versionAtLeast(version, candidate.since))) return { global: false };
  return { flag: candidate, global: !local };
}

/**
 * Whether a word another flag took as its value is itself one of this command's flags (`--wait`, `-w`,
 * `--snapshot-volumes=false`): only then was a flag swallowed. A value that merely starts with a dash (`-apiservices`)
 * is a value, right or wrong, and removing it from the list would not give back any flag.
 */
function namesAFlag(word: string, command: CommandSpec | undefined, version: Version): boolean {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0] ?? '';
    const found = lookupLong(name, command, version);
    return name !== '' && (found.flag !== undefined || found.tooNew !== undefined);
  }
  return /^-[A-Za-z]/.test(word) && lookupShort(word.charAt(1), command, version).flag !== undefined;
}

/** Words that may name a command: a global value flag written before them takes one as its value. */
const COMMAND_WORDS = new Set(COMMANDS.flatMap((c) => c.paths.map((p) => p[0] ?? '')));

interface Swallowed {
  flagIndex: number;
  flag: FlagSpec;
  written: string;
  wordIndex: number;
}

interface Found {
  command?: CommandSpec;
  other?: string;
  group?: string;
  pathIndexes: number[];
  unknownWord?: number;
  swallowed?: Swallowed;
}

/** Whether this Velero version has the command (`velero repo` and the like appeared in some release). */
function commandExists(cmd: CommandSpec, version: Version): boolean {
  return (!cmd.since || versionAtLeast(version, cmd.since)) && (!cmd.until || !versionAtLeast(version, cmd.until));
}

/** cobra's stripFlags + Find: which command the words select, and which tokens name it. */
function findCommand(tokens: Token[], version: Version): Found {
  const words: number[] = [];
  let swallowed: Swallowed | undefined;
  const noteSwallow = (i: number, flag: FlagSpec | undefined, written: string) => {
    if (flag && !swallowed && COMMAND_WORDS.has(tokens[i + 1]?.text ?? ''))
      swallowed = { flagIndex: i, flag, written, wordIndex: i + 1 };
  };
  // The longest command path has three words (`velero client config set`); a fourth word is an argument.
  for (let i = 1; i < tokens.length && words.length < 3; i++) {
    const t = at(tokens, i).text;
    if (t === '--') break;
    if (t.startsWith('--') && t.length > 2) {
      if (!t.includes('=')) {
        const { flag } = lookupLong(t.slice(2), undefined, version);
        if (!flag || !takesNoValue(flag)) {
          noteSwallow(i, flag, t);
          i++;
        }
      }
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      if (t.length === 2) {
        const { flag } = lookupShort(t.charAt(1), undefined, version);
        if (!flag || !takesNoValue(flag)) {
          noteSwallow(i, flag, t);
          i++;
        }
      }
      continue;
    }
    words.push(i);
  }
  const w = words.map((i) => at(tokens, i).text);
  const extra = swallowed ? { swallowed } : {};
  // cobra walks down the tree one word at a time: the deepest command whose whole path the words spell.
  let best: { command: CommandSpec; length: number } | undefined;
  for (const cmd of COMMANDS) {
    if (!commandExists(cmd, version)) continue;
    for (const path of cmd.paths)
      if (path.every((p, k) => w[k] === p) && path.length > (best?.length ?? 0))
        best = { command: cmd, length: path.length };
  }
  if (best) return { command: best.command, pathIndexes: words.slice(0, best.length) };
  if (w.length === 0) return { other: '', pathIndexes: [], ...extra };
  const groupLength = [2, 1].find((k) => w.length >= k && isGroup(w.slice(0, k), version));
  if (groupLength !== undefined) {
    const group = w.slice(0, groupLength).join(' ');
    // A word the shell fills in (`velero backup "$ACTION"`) is not known to be wrong; `velero backup help` gets the
    // help it asks for (cobra's help command hangs only under the root, but the group prints its help anyway).
    const next = tokens[words[groupLength] ?? -1];
    if (next?.unknown || next?.text === 'help') return { other: w.join(' '), pathIndexes: words, ...extra };
    // `velero backup` alone asks for the group's help: nothing to report.
    if (w.length === groupLength || swallowed) return { other: group, pathIndexes: words, ...extra };
    return { group, pathIndexes: words.slice(0, groupLength), unknownWord: words[groupLength], ...extra };
  }
  if (OTHER_TOP_LEVEL.has(at(w, 0)) || at(tokens, at(words, 0)).unknown)
    return { other: w.join(' '), pathIndexes: words, ...extra };
  return { pathIndexes: [], unknownWord: words[0], ...extra };
}

/** A command group of this version: a proper prefix of a command path (`backup`, `create`, `client config`). */
function isGroup(words: readonly string[], version: Version): boolean {
  return COMMANDS.some(
    (cmd) =>
      commandExists(cmd, version) &&
      cmd.paths.some((path) => path.length > words.length && words.every((word, k) => path[k] === word)),
  );
}

/** The subcommand names (and aliases) a group has in this version, for a hint on a typo. */
function subcommandsOf(group: readonly string[], version: Version): string[] {
  const names = new Set<string>();
  for (const cmd of COMMANDS)
    if (commandExists(cmd, version))
      for (const path of cmd.paths)
        if (path.length > group.length && group.every((word, k) => path[k] === word)) names.add(at(path, group.length));
  return [...names];
}

/**
 * cobra's own "Did you mean this?" for an unknown root command (SuggestionsFor: Levenshtein distance at most 2,
 * case-insensitive, or a prefix of the command's name), over the commands `velero --help` lists.
 */
function rootSuggestions(word: string, version: Version): string[] {
  const names = new Set<string>(VISIBLE_TOP_LEVEL);
  for (const cmd of COMMANDS) if (commandExists(cmd, version)) names.add(at(at(cmd.paths, 0), 0));
  const lower = word.toLowerCase();
  return [...names]
    .filter((name) => editDistance(lower, name.toLowerCase()) <= 2 || name.toLowerCase().startsWith(lower))
    .sort();
}

function validateValue(flag: FlagSpec, written: string, value: string): string | undefined {
  const invalid = (why: string) => `invalid argument "${value}" for "${written}" flag: ${why}`;
  switch (flag.type) {
    case 'bool':
    case 'optionalBool':
    case 'optionalBoolValueRequired':
      return parseGoBool(value) === undefined
        ? invalid(`strconv.ParseBool: parsing "${value}": invalid syntax`)
        : undefined;
    case 'int':
      return /^[-+]?\d+$/.test(value) ? undefined : invalid(`strconv.ParseInt: parsing "${value}": invalid syntax`);
    case 'duration':
      return parseGoDuration(value) === undefined ? invalid(`time: invalid duration "${value}"`) : undefined;
    case 'enum':
      return flag.values?.includes(value)
        ? undefined
        : invalid(`invalid value; allowed values are ${flag.values?.join(', ')}`);
    case 'labelSelector': {
      const problem = labelSelectorFlagProblem(value);
      return problem === undefined ? undefined : invalid(problem);
    }
    case 'orLabelSelector': {
      // OrLabelSelector.Set: split on the literal " or ", each part a selector of its own.
      const problem = value
        .split(' or ')
        .map(labelSelectorFlagProblem)
        .find((p) => p !== undefined);
      return problem === undefined ? undefined : invalid(problem);
    }
    case 'map': {
      const sep = flag.mapSeparator ?? '=';
      if (value === '') return invalid('the value is empty');
      const bad = value.split(',').find((pair) => !pair.includes(sep));
      return bad === undefined ? undefined : invalid(`the key-value pair "${bad}" is missing "${sep}"`);
    }
    default:
      return undefined;
  }
}

export interface ParseOptions {
  version: Version;
}

/** Parses tokens[0] = the velero program, tokens[1..] = its arguments. */
export function parseVeleroArgv(tokens: Token[], options: ParseOptions): ParsedCommand {
  const found = findCommand(tokens, options.version);
  const result: ParsedCommand = { tokens, pathTokenIndexes: found.pathIndexes, uses: [], positionals: [], errors: [] };
  if (found.command) result.command = found.command;
  if (found.swallowed && !found.command) {
    // `velero --colorized backup create ...`: a global value flag ate the command word.
    const s = found.swallowed;
    const word = at(tokens, s.wordIndex).text;
    const problem =
      validateValue(s.flag, s.written, word) ??
      `${s.written} takes "${word}" as its value, so the command is not "${word} ..."`;
    result.errors.push({ code: 'invalid-value', message: problem, tokenIndex: s.flagIndex, flag: s.flag.name });
    return result;
  }
  if (found.other !== undefined) {
    result.otherCommand = found.other;
    return result;
  }
  if (found.unknownWord !== undefined && found.group === undefined) {
    const word = at(tokens, found.unknownWord).text;
    const suggestions = rootSuggestions(word, options.version);
    result.errors.push({
      code: 'unknown-command',
      message: `unknown command "${word}" for "velero"${suggestions.length ? ` (did you mean ${suggestions.join(' or ')}?)` : ''}`,
      tokenIndex: found.unknownWord,
    });
    return result;
  }
  if (found.group !== undefined) result.group = found.group;
  const command = found.command;
  const skip = new Set(found.pathIndexes);
  const addUse = (use: Omit<FlagUse, 'unknownValue'>) => {
    const unknownValue =
      (at(tokens, use.tokenIndex).unknown ?? false) ||
      (use.valueTokenIndex !== undefined && (at(tokens, use.valueTokenIndex).unknown ?? false));
    const full: FlagUse = { ...use, unknownValue };
    result.uses.push(full);
    if (!unknownValue) {
      const problem = validateValue(use.flag, use.written, use.value);
      if (problem)
        result.errors.push({
          code: 'invalid-value',
          message: problem,
          tokenIndex: use.tokenIndex,
          flag: use.flag.name,
        });
    }
  };

  /**
   * A value flag with no inline value takes the next word, even one that looks like a flag (pflag never checks
   * for a leading dash); with no next word Velero fails with `needsArgument`. Returns whether the word was taken.
   */
  const takeNextWordAsValue = (
    flagIndex: number,
    flag: FlagSpec,
    written: string,
    global: boolean,
    needsArgument: { message: string; flag: string },
  ): boolean => {
    const valueIndex = flagIndex + 1;
    if (valueIndex >= tokens.length) {
      result.errors.push({
        code: 'needs-argument',
        message: needsArgument.message,
        tokenIndex: flagIndex,
        flag: needsArgument.flag,
      });
      return false;
    }
    const value = at(tokens, valueIndex).text;
    addUse({
      flag,
      written,
      tokenIndex: flagIndex,
      valueTokenIndex: valueIndex,
      value,
      form: 'separate',
      swallowedFlag: namesAFlag(value, found.command, options.version),
      global,
    });
    return true;
  };

  for (let i = 1; i < tokens.length; i++) {
    if (skip.has(i)) continue;
    const text = at(tokens, i).text;
    if (result.terminatorIndex !== undefined) {
      result.positionals.push(i);
      continue;
    }
    if (text === '--') {
      result.terminatorIndex = i;
      continue;
    }
    if (text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const name = eq < 0 ? text.slice(2) : text.slice(2, eq);
      const written = `--${name}`;
      const { flag, global, tooNew } = lookupLong(name, command, options.version);
      if (!flag) {
        const hint = tooNew ? ` (added in Velero ${tooNew.since})` : '';
        const suggestion = tooNew ? undefined : nearMiss(name, command, options.version);
        result.errors.push({
          code: 'unknown-flag',
          message: `unknown flag: ${written}${hint}`,
          tokenIndex: i,
          flag: name,
          ...(suggestion !== undefined ? { suggestion: `--${suggestion}` } : {}),
        });
        continue;
      }
      if (eq >= 0) {
        addUse({
          flag,
          written,
          tokenIndex: i,
          value: text.slice(eq + 1),
          form: 'inline',
          swallowedFlag: false,
          global,
        });
      } else if (takesNoValue(flag)) {
        addUse({ flag, written, tokenIndex: i, value: 'true', form: 'bare', swallowedFlag: false, global });
      } else if (
        takeNextWordAsValue(i, flag, written, global, { message: `flag needs an argument: ${written}`, flag: name })
      ) {
        i++;
      }
      continue;
    }
    if (text.startsWith('-') && text.length > 1 && text !== '--') {
      // A shorthand group: -w, -wl sel, -lapp=x, -o=json.
      let k = 1;
      while (k < text.length) {
        const ch = text.charAt(k);
        const { flag, global } = lookupShort(ch, command, options.version);
        if (!flag) {
          result.errors.push({
            code: 'unknown-flag',
            message: `unknown shorthand flag: '${ch}' in ${text}`,
            tokenIndex: i,
            flag: ch,
          });
          break;
        }
        const written = `-${ch}`;
        const rest = text.slice(k + 1);
        if (takesNoValue(flag)) {
          if (rest.startsWith('=')) {
            addUse({
              flag,
              written,
              tokenIndex: i,
              value: rest.slice(1),
              form: 'shorthand',
              swallowedFlag: false,
              global,
            });
            break;
          }
          addUse({ flag, written, tokenIndex: i, value: 'true', form: 'bare', swallowedFlag: false, global });
          k++;
          continue;
        }
        if (rest.length > 0) {
          addUse({
            flag,
            written,
            tokenIndex: i,
            value: rest.startsWith('=') ? rest.slice(1) : rest,
            form: 'shorthand',
            swallowedFlag: false,
            global,
          });
        } else if (
          takeNextWordAsValue(i, flag, written, global, {
            message: `flag needs an argument: '${ch}' in -${ch}`,
            flag: flag.name,
          })
        ) {
          i++;
        }
        break;
      }
      continue;
    }
    result.positionals.push(i);
  }

  // The group's flags parsed (only the global ones exist there), cobra finds the group not runnable and prints its
  // help: exit code 0, nothing done. A flag error above comes first and fails the command instead.
  if (found.group !== undefined && found.unknownWord !== undefined) {
    const word = at(tokens, found.unknownWord).text;
    const hint = closestWord(word, subcommandsOf(found.group.split(' '), options.version));
    const outcome =
      result.errors.length === 0
        ? `velero prints the help of "velero ${found.group}" and exits 0 without doing anything`
        : `velero reads the rest as flags of "velero ${found.group}", which has none of its own, and fails on the first one`;
    result.errors.push({
      code: 'unknown-subcommand',
      message: `"${word}" is not a subcommand of "velero ${found.group}": ${outcome}${hint !== undefined ? ` (did you mean "velero ${found.group} ${hint}"?)` : ''}`,
      tokenIndex: found.unknownWord,
      ...(hint !== undefined ? { suggestion: hint } : {}),
    });
    return result;
  }
  const help = lastUse(result, 'help');
  if (help && parseGoBool(help.value) === true) {
    result.helpRequested = true;
    return result;
  }
  // cobra validates positional args only after flag parsing succeeded, so Velero reports the flag error alone.
  if (command && result.errors.length === 0 && !command.extraArgsIgnored) {
    const n = result.positionals.length;
    const at = result.positionals[command.maxArgs] ?? tokens.length - 1;
    const problem =
      command.minArgs === command.maxArgs
        ? n !== command.minArgs
          ? `accepts ${command.minArgs} arg(s), received ${n}`
          : undefined
        : n > command.maxArgs
          ? `accepts at most ${command.maxArgs} arg(s), received ${n}`
          : n < command.minArgs
            ? `requires at least ${command.minArgs} arg(s), only received ${n}`
            : undefined;
    if (problem) result.errors.push({ code: 'arg-count', message: problem, tokenIndex: at });
  }
  return result;
}

/** Every use of a flag by its long name, in command-line order. */
export function usesOf(parsed: ParsedCommand, name: string): FlagUse[] {
  return parsed.uses.filter((u) => u.flag.name === name);
}

export function lastUse(parsed: ParsedCommand, name: string): FlagUse | undefined {
  const all = usesOf(parsed, name);
  return all[all.length - 1];
}

/**
 * The last use of a string flag when its value is not blank: Velero tests such flags with `!= ""`, so
 * `--from-schedule=` (before 1.16 accepted, since then refused by validation) counts as not given.
 */
export function lastNonBlankUse(parsed: ParsedCommand, name: string): FlagUse | undefined {
  const use = lastUse(parsed, name);
  return use && use.value !== '' ? use : undefined;
}
