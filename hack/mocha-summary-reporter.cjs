// Mocha's spec reporter, plus a JSON summary written where hack/test.mjs asks, so the test driver can
// add mocha's counts to its closing "N passed, N failed" line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const target = process.env.MOCHA_SUMMARY_FILE;
      if (!target) return;
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      fs.writeFileSync(target, JSON.stringify({ passes, failures, pending }));
    });
  }
}

module.exports = SummaryReporter;
