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
      '`-n/--namespace` (or metadata.namespace) differs from the namespace Velero is known to run in: the object is created where no Velero server watches.',
    why: "`-n` is Velero's own namespace flag, not a filter: it says where the Backup, Schedule or Restore object is created, and Velero only processes objects in its own namespace, so one created elsewhere stays New forever. Velero does not always run in `velero` (distributions use `kube-system`, OADP `openshift-adp`), so the preflight judges `-n` only when it knows Velero's namespace: from --velero-namespace or its config file, the velero client config (`velero client config set namespace=NS`), VELERO_NAMESPACE, or --cluster. Backing up a namespace is `--include-namespaces`, a different backup.",
    fix: "Give `-n` Velero's namespace (or drop it when the client is configured for it). To back up or restore a namespace's objects, that is `--include-namespaces`.",
    links: ['https://velero.io/docs/main/namespace/'],
    examples: [
      {
        bad: 'velero backup create b -n cert-manager',
        good: 'velero backup create b -n velero --include-namespaces cert-manager --include-cluster-resources=true',
        veleroNamespace: 'velero',
      },
    ],
  },
  check(subject, ctx) {
    if (
      !['backup', 'schedule', 'restore'].includes(subject.kind) ||
      subject.namespace === undefined ||
      subject.namespace === ctx.veleroNamespace ||
      // With Velero's namespace unknown, `-n` is the user telling where Velero runs, not a mistake to report.
      !ctx.veleroNamespaceKnown
    )
      return [];
    const parsed = subject.command;
    if (parsed) {
      const use = lastUse(parsed, 'namespace');
      if (!use || use.unknownValue) return [];
      const whole = at(parsed.tokens, use.tokenIndex).text.startsWith(use.written);
      return [
        {
          message: `${use.written} ${use.value} creates the ${subject.kind} in namespace "${use.value}", but Velero runs in "${ctx.veleroNamespace}": no Velero server processes it (to ${subject.kind === 'restore' ? 'restore' : 'back up'} namespace "${use.value}", that is --include-namespaces)`,
          location: tokenLocation(subject, use.tokenIndex),
          fix: `--namespace=${ctx.veleroNamespace}`,
          ...(whole
            ? {
                edits: [
                  {
                    start: use.tokenIndex,
                    end: (use.valueTokenIndex ?? use.tokenIndex) + 1,
                    tokens: [`--namespace=${ctx.veleroNamespace}`],
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
