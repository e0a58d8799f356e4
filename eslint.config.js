import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const notInSandbox = 'Not available or not deterministic in Temporal workflow code: use sleep()/condition(), uuid4() or an activity.';

/**
 * The rules every module in the workflow bundle (the code Temporal runs in its
 * deterministic sandbox and replays) must follow: no timers, I/O, randomness or
 * Node modules. test/unit/workflow-bundle-lint.test.ts bundles the workflow code
 * as the worker does and checks that each module of the bundle gets these rules.
 */
export const determinismRules = {
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'setImmediate', 'fetch', 'process', 'crypto', 'performance', 'require'].map((name) => ({ name, message: notInSandbox })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use workflow uuid4()/deterministic data.' },
    { object: 'globalThis', property: 'crypto', message: 'Use workflow uuid4()/deterministic data.' },
  ],
  'no-restricted-imports': [
    'error',
    {
      paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'Node modules are not available in workflow code.' })),
      patterns: [
        'node:*',
        'bpmn-moddle',
        'dmn-moddle',
        '@alur/db',
        '@alur/api',
        '@alur/api/*',
        '@temporalio/client',
        '@temporalio/worker',
        '@temporalio/activity',
        'date-holidays',
        '**/national-holidays*',
      ],
    },
  ],
};

/**
 * Modules of the workflows package that run only in Node (the compiler runs in
 * the API; connection settings and logging in the worker): everything else under
 * workflows/src is sandbox code. The bundle test fails if one of these ends up in
 * the workflow bundle.
 */
const nodeOnlyWorkflowModules = ['workflows/src/index.ts', 'workflows/src/compiler/**', 'workflows/src/calendar/national-holidays.ts', 'workflows/src/node/**'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'prisma/generated/**', 'data/**', '.tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules, TypeScript only: each file is checked against the
    // tsconfig.json nearest to it (the root one, or modeler/'s for the web app).
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['modeler/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection) and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Workflow code must replay deterministically: no wall clock, randomness or I/O.
    files: ['workflows/src/**/*.ts'],
    ignores: nodeOnlyWorkflowModules,
    rules: determinismRules,
  },
);
