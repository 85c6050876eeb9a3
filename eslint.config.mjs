import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/.cache/**', 'libs/contracts/src/generated/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    // Nest reads constructor and handler parameter types from decorator metadata: imports used there are values,
    // and the type-import rule must know it.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../libs/*', '../../../libs/*', '../../apps/*'], message: 'Import other projects through their @cc/* alias.' }] }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contracts', 'type:util', 'type:ui'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util', 'type:domain'] },
            { sourceTag: 'type:launcher', onlyDependOnLibsWithTags: ['type:app', 'type:data-access', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util', 'type:domain'] },
          ],
        },
      ],
    },
  },
  {
    // The all-in-one launcher is the one place that composes apps: it imports their root modules by alias.
    files: ['apps/all-in-one/src/**/*.ts', 'apps/all-in-one/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['@cc/reporting', '@cc/routing', '@cc/sip-ingress'],
          depConstraints: [{ sourceTag: 'type:launcher', onlyDependOnLibsWithTags: ['type:app', 'type:data-access', 'type:contracts', 'type:util'] }],
        },
      ],
    },
  },
  {
    // A service's benchmark drives the service itself, through its runtime.
    files: ['bench/routing-service/**/*.ts', 'bench/sip/**/*.ts', 'bench/sip-b2bua/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['@cc/routing', '@cc/sip-ingress'],
          depConstraints: [{ sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:app', 'type:data-access', 'type:contracts', 'type:util', 'type:domain'] }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
