import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
    // Workflow code must replay deterministically: no wall clock, randomness or I/O.
    files: ['workflows/src/interpreter/**/*.ts', 'workflows/src/workflows.ts', 'workflows/src/calendar/**/*.ts'],
    ignores: ['workflows/src/calendar/national-holidays.ts'],
    rules: {
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch'],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use workflow uuid4()/deterministic data.' },
      ],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'bpmn-moddle', '@alur/db', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'date-holidays', '**/national-holidays*'] }],
    },
  },
);
