import { isBoolWord } from '../parse/pflag.js';
import type { Rule, RuleReport } from './types.js';
import { tokenLocation } from './helpers.js';
import { at } from '../checked.js';

export const rule: Rule = {
  meta: {
    id: 'CMV005',
    name: 'bool-flag-separate-value',
    severity: 'error',
    catalogue: 'A1',
    appliesTo: ['every velero command line'],
    summary:
      'A boolean flag followed by a separate `true`/`false` word: the flag becomes true and the word becomes a positional argument.',
    why: 'Boolean and optional-boolean flags have a NoOptDefVal, so pflag never consumes the next word. `--include-cluster-resources false` means TRUE plus a stray argument: on `restore create` the restore gets NAMED "false" and includes cluster resources, the opposite of the intent; elsewhere the argument count fails.',
    fix: 'Write `--flag=false` (or `--flag=true`).',
    links: ['https://github.com/vmware-tanzu/velero/issues/9991'],
    examples: [
      {
        bad: 'velero backup create b --include-cluster-resources false',
        good: 'velero backup create b --include-cluster-resources=false',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    const positional = new Set(parsed.positionals);
    const out: RuleReport[] = [];
    for (const use of parsed.uses) {
      if (use.form !== 'bare') continue;
      const next = use.tokenIndex + 1;
      if (!positional.has(next) || (parsed.terminatorIndex !== undefined && next > parsed.terminatorIndex)) continue;
      const word = at(parsed.tokens, next).text;
      if (!isBoolWord(word)) continue;
      const token = at(parsed.tokens, use.tokenIndex).text;
      const whole = token === use.written;
      out.push({
        message: `${use.written} ${word} sets ${use.written} to true and passes "${word}" as a positional argument; velero never reads "${word}" as the flag's value`,
        location: tokenLocation(subject, use.tokenIndex),
        fix: `${use.written}=${word}`,
        ...(whole ? { edits: [{ start: use.tokenIndex, end: next + 1, tokens: [`${use.written}=${word}`] }] } : {}),
      });
    }
    return out;
  },
};
