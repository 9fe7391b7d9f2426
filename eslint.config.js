// ESLint guards the architecture, not the style: the layer boundaries of DESIGN.md
// (shared ↛ client/server, client ↛ server, server ↛ client) and import cycles.
// Formatting and taste stay with review; every rule here is one a reader would
// otherwise have to check by hand across files.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

/** Packages that need a DOM, React or a Node host, so shared/ (pure TypeScript used by both sides) must not import them. */
const hostOnlyPackages = [
  'react',
  'react-dom',
  'tldraw',
  '@tldraw/editor',
  '@tldraw/assets',
  'zustand',
  'y-indexeddb',
  'y-websocket',
  'ws',
  'better-sqlite3',
  'pg',
  'vite',
]

const zone = (target, from, message) => ({ target, from, message })

export default [
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'bench/**'] },
  {
    files: ['{client,server,shared,test}/**/*.{ts,tsx}'],
    languageOptions: {
      // Syntax only, no type information: the import rules need none, and a typed
      // parse of the whole tree would cost most of the lint budget.
      parser: tseslint.parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      // Without these the plugin skips .ts/.tsx dependencies when it walks the
      // import graph, and no-cycle silently finds nothing.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // The sources import './x.js' for './x.ts' (ESM as emitted); the TypeScript
      // resolver maps that the way tsc does, so the rules see the real files.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Type-only imports are skipped by the rule: they vanish at run time, so they
      // cannot make a module see another half-initialised.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./shared', './client', 'shared/ is used by both sides; it must not import the client.'),
            zone('./shared', './server', 'shared/ is used by both sides; it must not import the server.'),
            zone('./client', './server', 'The client talks to the server over HTTP and WebSocket only; move what both need to shared/.'),
            zone('./server', './client', 'The server never imports the client; move what both need to shared/.'),
            zone(['./client', './server', './shared'], './test', 'Product code must not depend on tests.'),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: hostOnlyPackages.map((name) => ({
            name,
            message: 'shared/ runs in the browser and in Node alike: no DOM, React or Node-only packages.',
          })),
          patterns: [
            {
              group: hostOnlyPackages.map((name) => `${name}/*`),
              message: 'shared/ runs in the browser and in Node alike: no DOM, React or Node-only packages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // A focused test left in silently skips the rest of the suite in CI.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^(describe|suite|it|test|bench)$/][property.name="only"]',
          message: 'Remove .only: it skips every other test in the run.',
        },
      ],
    },
  },
]
