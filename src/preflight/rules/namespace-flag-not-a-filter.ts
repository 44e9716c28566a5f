import { lastUse } from '../parse/pflag.js';
import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';
import { at } from '../checked.js';

export const rule: Rule = {
  meta: {
    id: 'CMV011',
    name: 'namespace-flag-not-a-filter',
    severity: 'error',
    catalogue: 'A6',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'Backup, Schedule and Restore manifests'],
    summary:
      "`-n/--namespace` (or metadata.namespace) is not Velero's namespace: it is where the Backup/Restore object is created, not a filter.",
    why: 'Velero only watches its own namespace. A Backup created in `cert-manager` is never processed and stays New forever; the intent was almost always `--include-namespaces cert-manager`.',
    fix: 'Drop `-n` and use `--include-namespaces`; pass --velero-namespace to the preflight if Velero runs elsewhere than `velero`.',
    links: ['https://velero.io/docs/main/namespace/'],
    examples: [
      {
        bad: 'velero backup create b -n cert-manager',
        good: 'velero backup create b --include-namespaces cert-manager --include-cluster-resources=true',
      },
    ],
  },
  check(subject, ctx) {
    if (
      !['backup', 'schedule', 'restore'].includes(subject.kind) ||
      subject.namespace === undefined ||
      subject.namespace === ctx.veleroNamespace
    )
      return [];
    const parsed = subject.command;
    if (parsed) {
      const use = lastUse(parsed, 'namespace');
      if (!use || use.unknownValue) return [];
      const hasInclude = !!lastUse(parsed, 'include-namespaces');
      const whole = at(parsed.tokens, use.tokenIndex).text.startsWith(use.written);
      return [
        {
          message: `-n ${use.value} creates the ${subject.kind} in namespace "${use.value}", where no Velero server watches (Velero runs in "${ctx.veleroNamespace}"); it is not a namespace filter`,
          location: tokenLocation(subject, use.tokenIndex),
          fix: hasInclude ? `drop ${use.written} ${use.value}` : `--include-namespaces=${use.value}`,
          ...(whole
            ? {
                edits: [
                  {
                    start: use.tokenIndex,
                    end: (use.valueTokenIndex ?? use.tokenIndex) + 1,
                    tokens: hasInclude ? [] : [`--include-namespaces=${use.value}`],
                  },
                ],
              }
            : {}),
        },
      ];
    }
    return [
      {
        message: `metadata.namespace "${subject.namespace}" is not Velero's namespace "${ctx.veleroNamespace}": no Velero server processes this ${subject.kind}`,
        location: subject.fieldLocations['metadata.namespace'] ?? subject.location,
        fix: `metadata.namespace: ${ctx.veleroNamespace}`,
      },
    ];
  },
};
