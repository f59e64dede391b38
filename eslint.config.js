// Lint: TypeScript's recommended rules and the rules of React hooks; run by `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// User-facing text comes from the catalogues (src/i18n/locales): no letters in JSX text, and no literal
// title / aria-label / placeholder / alt. Data (names, ids) and symbols (×, –, ▲) pass.
const USER_TEXT_ATTRIBUTES = '/^(title|aria-label|placeholder|alt)$/';
const LETTERS = "/[A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u4E00-\\u9FFF]/";
const noLiteralText = ['error',
  { selector: `JSXText[value=${LETTERS}]`, message: 'User-facing text must come from the catalogues: t(\'key\')' },
  { selector: `JSXAttribute[name.name=${USER_TEXT_ATTRIBUTES}] > Literal[value=${LETTERS}]`, message: 'Use t() for title, aria-label, placeholder and alt' },
  { selector: `JSXAttribute[name.name=${USER_TEXT_ATTRIBUTES}] > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=${LETTERS}]`, message: 'Use t() with interpolation for title, aria-label, placeholder and alt' },
  { selector: `JSXElement > JSXExpressionContainer > Literal[value=${LETTERS}]`, message: 'User-facing text must come from the catalogues: t(\'key\')' },
];

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
  // every component of the planner and the public page
  { files: ['src/**/*.tsx'], rules: { 'no-restricted-syntax': noLiteralText } },
  {
    // tests and conversion scripts read hostile and untyped files: control characters, huge numbers, any
    files: ['test/**', 'scripts/**', 'bench/**'],
    rules: { 'no-control-regex': 'off', 'no-loss-of-precision': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
