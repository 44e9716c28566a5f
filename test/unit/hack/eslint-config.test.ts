import { expect } from 'chai';
import { ESLint, type Linter } from 'eslint';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10 && !existsSync(join(dir, 'eslint.config.js')); i++) dir = dirname(dir);
  return dir;
}

/** The config's answers for paths of each kind in this repository (what `npm run lint` applies where). */
describe('eslint.config.js', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: repoRoot() });
  const configFor = async (path: string): Promise<Linter.Config> =>
    (await eslint.calculateConfigForFile(path)) as Linter.Config;
  const ruleLevel = (config: Linter.Config, rule: string): unknown => {
    const setting = config.rules?.[rule];
    return Array.isArray(setting) ? setting[0] : setting;
  };

  it('type-checks TypeScript under src/ and test/ with the strict rule set', async () => {
    for (const path of ['src/host/serve.ts', 'test/unit/version.test.ts']) {
      const config = await configFor(path);
      expect(ruleLevel(config, '@typescript-eslint/no-floating-promises'), path).to.be.oneOf([2, 'error']);
      expect(ruleLevel(config, '@typescript-eslint/no-non-null-assertion'), path).to.exist;
      const parserOptions = config.languageOptions?.parserOptions as { projectService?: unknown } | undefined;
      expect(parserOptions?.projectService, path).to.equal(true);
    }
  });

  it('keeps console.log out of the plugin side of src/ but lets the preflight print its report', async () => {
    expect(ruleLevel(await configFor('src/host/serve.ts'), 'no-console')).to.be.oneOf([2, 'error']);
    expect(ruleLevel(await configFor('src/actions/index.ts'), 'no-console')).to.be.oneOf([2, 'error']);
    expect(ruleLevel(await configFor('src/preflight/cli.ts'), 'no-console')).to.equal(undefined);
  });

  it('gives tests the mocha globals and lets them use chai property assertions', async () => {
    const config = await configFor('test/unit/version.test.ts');
    expect(config.languageOptions?.globals).to.include.keys('describe', 'it', 'beforeEach');
    expect(ruleLevel(config, '@typescript-eslint/no-unused-expressions')).to.be.oneOf([0, 'off']);
  });

  it('lints scripts as Node ESM, and .cjs as CommonJS', async () => {
    const [esm] = await eslint.lintText('const unused = 1;\nprocess.exit(0);\n', { filePath: 'hack/example.mjs' });
    expect(esm?.messages.map((m) => m.ruleId)).to.deep.equal(['no-unused-vars']);
    const [cjs] = await eslint.lintText("const fs = require('node:fs');\nmodule.exports = fs;\n", {
      filePath: 'hack/example.cjs',
    });
    expect(cjs?.messages).to.deep.equal([]);
  });

  it('ignores build output, Go, protocol definitions and generated code', async () => {
    for (const path of [
      'dist/src/plugin.js',
      'coverage/lcov-report/x.js',
      'src/host/proto-descriptor.generated.ts',
      'proto/velero/generated/shared.proto',
      'test/conformance/velerohost/velerohost.go',
    ]) {
      expect(await eslint.isPathIgnored(path), path).to.equal(true);
    }
    expect(await eslint.isPathIgnored('src/host/serve.ts')).to.equal(false);
  });
});
