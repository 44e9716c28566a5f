// ESLint flat config. `npm run lint` runs it with --max-warnings 0, then knip for unused exports and files.
//
// - TypeScript under src/ and test/ (the files tsconfig.json compiles): typescript-eslint's strict and
//   stylistic type-checked sets, typed through the TypeScript project service.
// - JavaScript (.js/.mjs ESM, .cjs CommonJS) under hack/ and at the root: ESLint's recommended set, Node globals.
// - Formatting is Prettier's job (.prettierrc.json); none of the sets below carries formatting rules.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'coverage/',
    'out/',
    '.cache/',
    // Go test infrastructure and upstream protocol definitions are not ours to lint here.
    '**/*.go',
    'proto/',
    // Generated code (protobuf stubs, bundled output, inlined build facts) is checked at its generator.
    '**/generated/',
    '**/*.generated.*',
  ]),

  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Names starting with _ are deliberately unused (interface-shaped callbacks, destructuring to omit).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Template literals with numbers are how log lines and error messages are written here.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // @kubernetes/client-node's models are classes with public fields only; the library itself documents
      // building them as object literals, so a literal where a model is expected is the normal case.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // `() => log.debug(...)` as a callback is clear; a void call in a longer expression still fails.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `import type` keeps the emitted ESM free of imports that exist only for types.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },

  {
    // The plugin binary's stdout carries only the go-plugin handshake line: nothing in src/ may write to it,
    // except the preflight CLI, whose stdout is its report.
    files: ['src/**/*.ts'],
    ignores: ['src/preflight/**'],
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },

  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      // chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests assert on values they have just checked exist; `!` there states the test's expectation.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
