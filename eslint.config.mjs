// ESLint flat config. The rule block for shared/ keeps the core free of editor,
// Electron and DOM dependencies (architecture.md: extension -> shared <- desktop).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** What a pure shared module (bundled by the renderer and the webview) must not import. */
const PURE_MODULE_FORBIDS = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'tls',
  'stream',
  'buffer',
  'util',
  'undici',
  'electron',
  'vscode',
  '../*',
  '@dockhand/*',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'build/**', '**/out/**', '.testbed/**', 'test/.artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'shared/ must not depend on VS Code (architecture.md).' },
            { name: 'electron', message: 'shared/ must not depend on Electron (architecture.md).' },
          ],
          patterns: [
            { group: ['@dockhand/extension*', '@dockhand/desktop*', '**/extension/**', '**/desktop/**'], message: 'shared/ must not import the front ends.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'No DOM in shared/.' },
        { name: 'document', message: 'No DOM in shared/.' },
        { name: 'navigator', message: 'No DOM in shared/.' },
        { name: 'localStorage', message: 'No DOM in shared/.' },
      ],
    },
  },
  {
    // Pure helpers the desktop renderer and the extension's webview bundle too (one byte
    // formatter, ...): no Node built-ins, no packages, nothing outside the folder.
    files: ['shared/src/format/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: PURE_MODULE_FORBIDS,
              message: 'shared/src/format/ is pure (the renderer and the webview bundle it): no Node, no packages, nothing outside the folder.',
            },
          ],
        },
      ],
    },
  },
  {
    // The one tag sorter (the renderer bundles it): no Node built-ins, nothing outside the folder;
    // of packages only semver (plain JS).
    files: ['shared/src/tags/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: PURE_MODULE_FORBIDS,
              message: 'shared/src/tags/ is pure (the renderer bundles it): no Node, no packages but semver, nothing outside the folder.',
            },
          ],
        },
      ],
    },
  },
  {
    // The front ends use shared/ only through its front doors (shared/package.json "exports"; the rule is
    // tested in shared/src/testing/layer-rule.test.ts, and TypeScript resolves nothing else).
    files: ['extension/**/*.ts', 'desktop/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@dockhand/shared/*/*', '!@dockhand/shared/config/node', '**/shared/src/**'],
              message: 'Import a front door of shared/ ("@dockhand/shared/registry", ...), not a file inside a module.',
            },
          ],
        },
      ],
    },
  },
  {
    // The desktop IPC contract (common/index.ts) is compiled into main, preload and the browser
    // bundle: plain data and types, nothing from Node, Electron or the DOM; of shared/ only types
    // (`import type` from a front door: erased, so no shared code reaches the contract).
    files: ['desktop/common/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'child_process', 'electron', '../*'],
              message: 'desktop/common/ imports only its own files (the IPC contract is plain data; common/index.ts).',
            },
            {
              group: ['@dockhand/*'],
              allowTypeImports: true,
              message: 'desktop/common/ takes only types from shared (`import type`): the IPC contract is plain data (common/index.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['desktop/renderer/**/*.ts', 'extension/webview/**/*.ts', 'media/**/*.js'],
    // Unit tests beside the renderer's sources run in Node.
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'child_process', 'electron'], message: 'The renderer talks to main only through the preload API.' }] },
      ],
    },
  },
);
