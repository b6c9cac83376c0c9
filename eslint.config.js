/**
 * Lint for the whole monorepo: typescript-eslint `recommended` (no type information, so it stays
 * fast) plus the boundary rules of DESIGN.md §2 and CONVENTIONS.md 1–2. Boundary rules are errors,
 * never warnings, and every message says why. `scripts/check-deps.mjs` checks the same direction
 * over package.json files and relative imports; this file catches it in the editor.
 */
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Every Node built-in (`fs`, `fs/promises`, `node:fs`, `node:test`, ...). */
const nodeBuiltins = `^(?:node:.+|(?:${builtinModules.filter((m) => !m.startsWith('_')).map(escape).join('|')})(?:/.*)?)$`;
const serverLibs = ['express', 'knex', 'better-sqlite3', 'mysql2', 'bullmq', 'ioredis', 'mqtt', 'pino'];
const serverLibsRe = `^(?:${serverLibs.map(escape).join('|')})(?:/.*)?$`;

const PURE = 'engine and definitions are pure (DESIGN.md §2, CONVENTIONS.md 1)';
const NO_IO = `${PURE}: no I/O modules. Effects are returned as data and performed by the runtime.`;
const NO_SERVER = `${PURE}: server, store, queue, broker and logging libraries belong to runtime/ (or an adapter).`;
const NO_CLOCK = `${PURE}: time, ids and randomness come in with the event (event.meta.at / event.meta.id), so a replay reproduces the case exactly.`;
const UP = 'dependency direction is definitions ← engine ← plugins/host ← runtime (DESIGN.md §2)';

/** Import restrictions for one folder (flat config replaces rule options per block, so each block lists all of its own). */
function imports({ builtins, server, upward }) {
  const patterns = [];
  if (builtins) patterns.push({ regex: nodeBuiltins, message: NO_IO });
  if (server) patterns.push({ regex: serverLibsRe, message: NO_SERVER });
  for (const [regex, message] of upward) patterns.push({ regex, message });
  return ['error', { patterns }];
}

/** Imports that would point against the arrows, for engine (and, stricter, definitions). */
const upwardFromEngine = [
  ['^@tongban/runtime(?:/.*)?$', `${UP}: engine must not import the runtime; the runtime calls the engine.`],
  ['^@tongban/(?!definitions(?:/|$)|engine(?:/|$)|runtime(?:/|$)).+', `${UP}: engine may import only @tongban/definitions.`],
  ['^\\.{1,2}/(?:.*/)?(?:runtime|plugins|adapters|examples|workbench|designer)(?:/.*)?$',
    `${UP}: a relative import may not leave the package folder, and engine must never reach runtime/, plugins/, adapters/ or examples/.`],
];
const upwardFromDefinitions = [
  ['^@tongban/runtime(?:/.*)?$', `${UP}: definitions must not import the runtime.`],
  ['^@tongban/(?!definitions(?:/|$)|runtime(?:/|$)).+', `${UP}: definitions is the bottom layer and imports no other @tongban package.`],
  ['^\\.{1,2}/(?:.*/)?(?:engine|runtime|plugins|adapters|examples|workbench|designer)(?:/.*)?$',
    `${UP}: a relative import may not leave the definitions folder.`],
];

/** Clock, randomness, timers and process access in pure code. */
const purityRules = {
  'no-restricted-globals': ['error',
    ...['setTimeout', 'setInterval', 'setImmediate'].map((name) => ({ name, message: `${NO_CLOCK} Durable time is a timer.start effect, never an in-process timer.` })),
    { name: 'performance', message: `${NO_CLOCK} \`performance.now()\` reads a clock.` },
    { name: 'process', message: `${NO_CLOCK} No env vars, argv, hrtime or exit in pure code.` },
    ...['fetch', 'crypto', 'XMLHttpRequest', 'WebSocket', 'require']
      .map((name) => ({ name, message: `${NO_CLOCK} \`${name}\` reaches the environment (I/O, clock, randomness or env vars).` })),
  ],
  'no-restricted-properties': ['error',
    { object: 'Date', property: 'now', message: `${NO_CLOCK} Use event.meta.at.` },
    { object: 'Math', property: 'random', message: `${NO_CLOCK} Derive ids from event.meta.id and the case sequence.` },
    ...['globalThis', 'global', 'window', 'self'].flatMap((object) =>
      ['setTimeout', 'setInterval', 'setImmediate', 'fetch', 'process', 'performance', 'crypto', 'Date']
        .map((property) => ({ object, property, message: `${NO_CLOCK} \`${object}.${property}\` is the same as the bare global.` }))),
  ],
  'no-restricted-syntax': ['error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `${NO_CLOCK} \`new Date()\` reads the clock; use new Date(event.meta.at).` },
    { selector: "CallExpression[callee.type='Identifier'][callee.name='Date']", message: `${NO_CLOCK} \`Date()\` returns the current time as a string.` },
    { selector: 'ImportExpression', message: `${PURE}: no dynamic import; everything the engine runs is known at build time.` },
  ],
};

const allFiles = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];
const testOrBench = ['**/*.test.ts', 'engine/src/bench/**'];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**', 'data/**', 'build/**', 'coverage/**', '.tmp/**', '**/dist/**',
      '**/fixtures/**/*.json',
      // deliberately broken package trees that scripts/check-deps.test.ts feeds to the checker
      'scripts/fixtures/**',
    ],
  },
  { files: allFiles, extends: [tseslint.configs.recommended] },
  {
    files: allFiles,
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },

  // ── engine/** and definitions/**/*.ts: pure ───────────────────────────────────────────────────
  // (definitions/schema/gen.mjs is a generator script run by hand and may use node:fs: not matched.)
  {
    files: ['engine/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    ignores: testOrBench,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': imports({ builtins: true, server: true, upward: upwardFromEngine }),
      ...purityRules,
    },
  },
  {
    files: ['definitions/**/*.ts'],
    ignores: testOrBench,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': imports({ builtins: true, server: true, upward: upwardFromDefinitions }),
      ...purityRules,
    },
  },
  // Tests and benchmarks of pure code may read files and the clock, but still not reach upward.
  {
    files: ['engine/**/*.test.ts', 'engine/src/bench/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': imports({ builtins: false, server: true, upward: upwardFromEngine }),
    },
  },
  {
    files: ['definitions/**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': imports({ builtins: false, server: true, upward: upwardFromDefinitions }),
    },
  },

  // ── workbench/src/**: a browser app that talks to the runtime over HTTP only ─────────────────
  {
    files: ['workbench/src/**/*.{ts,tsx}'],
    ignores: ['workbench/src/bench/**'], // the benchmark drives a server and a browser from Node
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: nodeBuiltins, message: 'the workbench runs in the browser (DESIGN.md §7): no Node built-ins.' },
          { regex: serverLibsRe, message: 'the workbench talks to the runtime over HTTP only (DESIGN.md §2): server, store and queue libraries stay in runtime/.' },
          { regex: '^@tongban/(?!engine(?:/|$)|designer(?:/|$)).+', message: 'the workbench may import only the engine\'s pure parts and (lazily) the designer (DESIGN.md §2); the API is reached over HTTP with the generated client.' },
          { regex: '^\\.{1,2}/(?:.*/)?(?:runtime|engine|definitions|plugins|adapters|examples|designer)(?:/.*)?$', message: 'a relative import may not leave the workbench package: use its public entry (@tongban/engine).' },
        ],
      }],
    },
  },

  // ── runtime/**: errors are transport-neutral (CONVENTIONS.md 5) ─────────────────────────────
  // Stores, commands, jobs and the CLI throw DomainError subclasses (runtime/src/errors/); only the
  // HTTP layer (http/ and the *.router.ts files) turns them into statuses and bodies.
  {
    files: ['runtime/src/**/*.ts'],
    ignores: ['runtime/src/http/**', 'runtime/src/**/*.router.ts', 'runtime/src/**/*.test.ts', 'runtime/src/openapi/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '(?:^|/)http/httpErrors(?:\\.ts)?$',
        message: 'runtime errors are transport-neutral: throw a DomainError subclass (runtime/src/errors/DomainError.ts); only http/ and *.router.ts map kinds to HTTP statuses.',
      }] }],
    },
  },
  // ── plugins/host/**: below the runtime, above no adapter ─────────────────────────────────────────
  {
    files: ['plugins/host/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: '^@tongban/runtime(?:/.*)?$', message: `${UP}: the host is used by the runtime and never reaches up into it; it gets stores, clock and the emit sink as arguments.` },
        { regex: '^@tongban/adapter-.+', message: 'the host loads adapters named in configuration (package names or paths), never by a static import: a deployment chooses its adapters.' },
        { regex: '^\\.{1,2}/(?:.*/)?(?:runtime|adapters|examples|workbench|designer)(?:/.*)?$', message: `${UP}: a relative import may not leave plugins/host.` },
      ] }],
    },
  },
  // ── runtime/src/**: adapters come by configuration ────────────────────────────────────────────────
  {
    files: ['runtime/src/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    ignores: ['runtime/src/**/*.test.ts'],
    rules: {
      // (the core rule above keeps errors transport-neutral; a relative import out of runtime/ is caught by scripts/check-deps.mjs)
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: '^@tongban/adapter-.+', message: 'the runtime loads adapters named in configuration (TONGBAN_ADAPTERS) through the plugin host, never by a static import.' },
      ] }],
    },
  },

  // Routers speak HTTP and call the services (queries and commands); the store is not theirs to query.
  // Every router is under the rule: a router that needs rows asks a service of its folder for them.
  {
    files: ['runtime/src/**/*.router.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='db']", message: 'routers call queries and commands (runtime/src/services.ts), never the store: put the query in a service.' }],
      'no-restricted-imports': ['error', { patterns: [{ regex: '^knex$', message: 'routers call queries and commands (runtime/src/services.ts), never knex.' }] }],
    },
  },

  // ── adapters/** and plugins/sdk/**: only @tongban/plugin-sdk ──────────────────────────────────
  {
    files: ['adapters/**/*.{ts,tsx,mts,cts,js,mjs,cjs}', 'plugins/sdk/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '^@tongban/(?!plugin-sdk(?:/|$)).+',
          message: 'adapters depend on @tongban/plugin-sdk only (DESIGN.md §2, CONVENTIONS.md 2): the engine, host and runtime are internals that may change under them.',
        }, {
          regex: '^\\.{1,2}/(?:.*/)?(?:engine|runtime|definitions|host|examples)(?:/.*)?$',
          message: 'adapters depend on @tongban/plugin-sdk only: a relative import into engine/, runtime/, definitions/ or plugins/host/ bypasses the SDK.',
        }],
      }],
    },
  },
);
