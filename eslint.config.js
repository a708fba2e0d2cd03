// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { packageBoundaries } from './scripts/lint/package-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.wrangler/**',
      '**/.drift-test-*/**',
      '**/worker-configuration.d.ts',
      '**/openapi.d.ts',
      '.tools/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.serviceworker } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Test helpers read untyped JSON bodies; production code may not.
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // workers and web never import each other, shared neither (scripts/lint/package-boundaries.js).
    plugins: { corates: { rules: { 'package-boundaries': packageBoundaries } } },
    rules: { 'corates/package-boundaries': 'error' },
  },
  {
    // `shared` stays zod-only except its document model (`@corates/shared/doc`), the one module that
    // reads and writes Yjs documents; its main entry is imported by pages that must not load yjs.
    files: ['packages/shared/src/**'],
    ignores: ['packages/shared/src/doc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'yjs', message: 'Only packages/shared/src/doc/ imports yjs.' }] },
      ],
    },
  },
  {
    files: ['**/test/**', '**/*.test.ts', '**/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
