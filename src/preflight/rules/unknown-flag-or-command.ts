import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';
import { at, present } from '../checked.js';

const SERVER_ONLY = new Set(['restore-resource-priorities', 'server-args']);

export const rule: Rule = {
  meta: {
    id: 'CMV001',
    name: 'unknown-flag-or-command',
    severity: 'error',
    appliesTo: ['every velero command line'],
    summary: 'velero rejects an unknown flag, an unknown shorthand or an unknown command before doing anything.',
    why: 'pflag has no name normalisation: `--include_namespaces`, `-include-namespaces` (one dash) and kubectl habits such as `--context` are errors. Flags newer than the Velero version in use are unknown too. The command fails, so nothing is backed up or restored.',
    fix: 'Use the exact flag name from `velero <command> --help` of your Velero version.',
    links: ['https://velero.io/docs/main/backup-reference/'],
    examples: [
      {
        bad: 'velero backup create b --include_namespaces app',
        good: 'velero backup create b --include-namespaces app',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    return parsed.errors
      .filter(
        (e) =>
          (e.code === 'unknown-flag' || e.code === 'unknown-command') &&
          !(subject.kind === 'install' && e.flag && SERVER_ONLY.has(e.flag)),
      )
      .map((e) => {
        const underscored = e.flag?.includes('_') ? e.flag.replace(/_/g, '-') : undefined;
        const single =
          e.code === 'unknown-flag' &&
          e.flag?.length === 1 &&
          /^-[a-z][a-z-]+/.test(at(parsed.tokens, e.tokenIndex).text)
            ? at(parsed.tokens, e.tokenIndex).text
            : undefined;
        const hint =
          e.flag === 'context'
            ? ' (velero calls it --kubecontext)'
            : e.suggestion !== undefined
              ? ` (did you mean ${e.suggestion}?)`
              : '';
        const report = { message: `velero fails: ${e.message}${hint}`, location: tokenLocation(subject, e.tokenIndex) };
        if (single)
          return {
            ...report,
            fix: `use two dashes: -${single}`,
            edits: [{ start: e.tokenIndex, end: e.tokenIndex + 1, tokens: [`-${single}`] }],
          };
        if (underscored && subject.command?.command?.flags.some((fl) => fl.name === underscored)) {
          const text = at(parsed.tokens, e.tokenIndex).text.replace(present(e.flag, 'the unknown flag'), underscored);
          return {
            ...report,
            fix: `use --${underscored}`,
            edits: [{ start: e.tokenIndex, end: e.tokenIndex + 1, tokens: [text] }],
          };
        }
        if (e.flag === 'context') {
          const text = at(parsed.tokens, e.tokenIndex).text.replace('--context', '--kubecontext');
          return {
            ...report,
            fix: 'use --kubecontext',
            edits: [{ start: e.tokenIndex, end: e.tokenIndex + 1, tokens: [text] }],
          };
        }
        return report;
      });
  },
};
