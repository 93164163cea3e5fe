// The rule of the house (docs/architecture.md) is enforced here and by tsconfig.pure.json.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outer = ['db', 'features', 'server', 'web', 'ingest', 'jobs', 'cli'];
const outerPatterns = (extra = []) =>
  [...outer, ...extra].flatMap((part) => [`**/${part}/**`, `../${part}`, `../../${part}`]);
const io = ['fs', 'node:*', 'pg', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'fastify', '@fastify/*', 'react', 'react-*'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'playwright-report', 'test-results', '.tmp', 'src/db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  { files: ['*.config.ts', '*.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['scripts/**', 'bin/**', 'bench/**'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    files: ['src/shared/**', 'src/optimizer/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...outerPatterns(['domain']), ...io], message: 'shared/ and optimizer/ are pure and import nothing of ours.' }] }],
    },
  },
  {
    files: ['src/domain/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...outerPatterns(), ...io], message: 'domain/ is pure: shared/ and optimizer model types only.' }] }],
    },
  },
  {
    files: ['src/web/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...outerPatterns().filter((p) => !p.includes('web')), '**/optimizer/**', 'drizzle-orm', 'pg', '@electric-sql/*', 'fastify', 'node:*'], message: 'web/ uses domain/, shared/ and the HTTP API only.' }] }],
    },
  },
  {
    files: ['src/features/**'],
    // Test helpers (testing.ts) build the whole app like the tests do.
    ignores: ['**/*.repo.ts', '**/*.test.ts', '**/testing.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'Only *.repo.ts files touch the database.' },
        { group: ['../*/*.repo', '../*/*.repo.js'], message: "A feature never reads another feature's tables: call its service." },
        { group: ['**/server/**', '**/web/**'], message: 'features/ do not import the composition root or the web app.' },
      ] }],
    },
  },
);
