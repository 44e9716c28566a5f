import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'CMV070',
    name: 'suppression-without-reason',
    severity: 'warning',
    appliesTo: ['`# velero-cm-preflight disable=` comments', 'ignore-check annotations'],
    summary: 'A suppression that does not say why.',
    why: 'A silenced finding without a reason cannot be reviewed later: nobody knows whether the risk (lost Secrets, missing CRDs) was accepted on purpose.',
    fix: 'Add the reason after the rule list: `# velero-cm-preflight disable=CMV027 plugin skips Orders`, or as the annotation value.',
    links: [],
    examples: [
      {
        bad: '# velero-cm-preflight disable=CMV020',
        good: '# velero-cm-preflight disable=CMV020 the platform team backs up cluster resources separately',
      },
    ],
  },
  check(subject) {
    return subject.suppressions
      .filter((s) => s.reason.trim() === '')
      .map((s) => ({ message: `suppression of ${s.rules.join(', ')} has no reason`, location: s.location }));
  },
};
