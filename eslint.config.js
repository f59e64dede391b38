// Lint: TypeScript's recommended rules and the rules of React hooks; run by `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'public/**', 'geodata/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // unused names are the compiler's job (noUnusedLocals); a leading _ marks one kept on purpose
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // hot loops declare their scratch variables up front, on purpose
      'no-useless-assignment': 'off',
    },
  },
  {
    // tests and conversion scripts read hostile and untyped files: control characters, huge numbers, any
    files: ['test/**', 'scripts/**', 'bench/**'],
    rules: { 'no-control-regex': 'off', 'no-loss-of-precision': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
