// Lint: typescript-eslint's type-checked recommended rules on every
// TypeScript file, ESLint's recommended rules on the JavaScript (bench,
// scripts). `npm run lint` must report nothing: CI fails on any warning.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'build/**',
      'bench/.work/**',
      'test-output/**',
      'docs/**',
      // Out of the type-checked program (tsconfig.eslint.json says why each cannot type-check in place).
      'test/fixtures/bad/**',
      // The LSP types copied verbatim from vscode-languageserver-types (with their `any`), and their generated code.
      'test/fixtures/lsp/contracts/lsp-types.ts',
      'test/fixtures/lsp/generated/**',
      'test/fixtures/geojson/contracts/geojson.d.ts',
      'test/fixtures/geojson/generated/**',
      'test/fixtures/e2e/app.ts',
      'test/fixtures/packed-app/app.ts',
      'test/fixtures/types/cross-file/contracts/shop.ts',
      'test/fixtures/types/method-facts/contracts/api.ts',
      'test/fixtures/types/promises-and-void/contracts/jobs.ts',
      'test/fixtures/types/unsupported/contracts/bad.ts',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Dropping a key by destructuring the rest (`const { events: _, ...member } = m`) is how the
      // code copies an object without a field: the named key is unused on purpose. A `_` prefix
      // marks a parameter (or caught error, or array element) kept for its position or its type, as
      // in a handler that spells out the contract's signature (`(_symbol: string, _ctx: CallContext)`):
      // the convention tsc's noUnusedParameters already follows.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          ignoreRestSiblings: true,
          argsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      // A `let` set once but read first by a closure made earlier (`let current; connect({ onGap:
      // () => current && ... }); current = ...`) cannot be const: the closure would meet it in its
      // temporal dead zone.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `Promise.reject(error)` with a caught `unknown` passes the error on unchanged, as a rethrow would
      // (only-throw-error allows throwing `unknown` by default); an error the code makes itself is still checked.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [eslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
