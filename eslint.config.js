// Type-aware lint. Layer boundaries follow docs/architecture.md: pure engines never reach
// outward (store, api, cli, server, node I/O), and the store is only used through its port.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeIo = ['node:fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net', 'node:child_process', 'fs', 'http', 'net'];
const outward = (...layers) => layers.map((l) => `**/${l}/**`);

const boundary = (files, layers, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', {
      paths: [...nodeIo, ...extra].map((name) => ({ name, message: 'Pure layer: no I/O here.' })),
      patterns: [{ group: outward(...layers), message: 'This import crosses a layer boundary (see docs/architecture.md).' }],
    }],
  },
});

export default tseslint.config(
  // Vendored byte-identical examples, run by their harnesses after substitutions: the OCI SDK's (not
  // strict TypeScript) and the @azure/arm-network samples (they import @azure/identity, which
  // FastRoute does not depend on).
  { ignores: ['node_modules/**', 'dist/**', '.fastroute/**', 'console/dist/**', '.test-build/**', '.scratch/**', 'test/fixtures/oci-examples/**', 'test/fixtures/arm-network-samples/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  boundary(['src/model/**'], ['lifecycle', 'engine', 'store', 'lab', 'api', 'cli', 'server', 'config']),
  boundary(['src/lifecycle/**'], ['engine', 'store', 'lab', 'api', 'cli', 'server', 'config']),
  boundary(['src/lab/**'], ['engine', 'store', 'api', 'cli', 'server', 'config']),
  // The console's topology: a pure read model over the world and routing.
  boundary(['src/topology/**'], ['engine', 'store', 'lab', 'api', 'cli', 'server', 'config']),
  // The data plane's compiler: world and routing in, a plan (plain data) and ip batch text out; no I/O.
  boundary(['src/dataplane/compile*.ts', 'src/dataplane/builder.ts', 'src/dataplane/plan.ts', 'src/dataplane/batch.ts', 'src/dataplane/names.ts'], ['engine', 'store', 'lab', 'api', 'cli', 'server', 'config']),
  {
    files: ['src/dataplane/**'],
    ignores: ['src/dataplane/compile*.ts', 'src/dataplane/builder.ts', 'src/dataplane/plan.ts', 'src/dataplane/batch.ts', 'src/dataplane/names.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/**', ...outward('api', 'cli')], message: 'The data plane works from the engine; the APIs and the CLI drive it.' }] }] },
  },
  {
    files: ['src/engine/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/sql/**', ...outward('api', 'cli', 'server')], message: 'The engine uses the store only through store/port.ts.' }] }] },
  },
  {
    files: ['src/api/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/**', ...outward('cli', 'server')], message: 'APIs talk to the engine, never to the store or the CLI.' }] }] },
  },
  {
    files: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/sql/**', '**/lifecycle/**', '**/model/world*'], message: 'The CLI talks to a server (or the engine facade), not to engine internals.' }] }] },
  },
  // The web console: browser code, React hooks; it reads the server's types only (import type).
  {
    files: ['console/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Only types cross from the server's code into the bundle.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)src/', allowTypeImports: true, message: 'The console reads the server\'s wire types only: use `import type`.' }] }],
      // `onChange={(e) => setX(e.target.value)}` is how React handlers read.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // The launcher is plain Node JavaScript.
  { files: ['bin/**/*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['test/**', 'bench/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-restricted-imports': 'off' },
  },
);
