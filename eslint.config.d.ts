// Types for what TypeScript code imports from eslint.config.js (the bundle lint test).
import type { Linter } from 'eslint';

export const determinismRules: Record<string, Linter.RuleEntry>;
declare const config: Linter.Config[];
export default config;
