// The bpmnlint configuration the designer lints with, packed by hand (what
// bpmnlint-pack-config generates for webpack/rollup): a resolver over the rules
// bundled here, bpmnlint's structural rules plus Alur's own.
import endEventRequired from 'bpmnlint/rules/end-event-required';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import { serviceTaskType, userTaskCandidateRole } from './alur-rules';

const rules: Record<string, unknown> = {
  'bpmnlint/start-event-required': startEventRequired,
  'bpmnlint/end-event-required': endEventRequired,
  'bpmnlint/single-blank-start-event': singleBlankStartEvent,
  'bpmnlint/no-disconnected': noDisconnected,
  'bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'bpmnlint/no-implicit-split': noImplicitSplit,
  'bpmnlint-plugin-alur/user-task-candidate-role': userTaskCandidateRole,
  'bpmnlint-plugin-alur/service-task-type': serviceTaskType,
};

export const lintConfig = {
  config: {
    rules: {
      'start-event-required': 'error',
      'end-event-required': 'error',
      'single-blank-start-event': 'error',
      'no-disconnected': 'error',
      'no-duplicate-sequence-flows': 'error',
      'no-implicit-split': 'warn',
      'alur/user-task-candidate-role': 'warn',
      'alur/service-task-type': 'error',
    },
  },
  resolver: {
    resolveRule(pkg: string, ruleName: string) {
      const rule = rules[`${pkg}/${ruleName}`];
      if (!rule) throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
      return rule;
    },
    resolveConfig(pkg: string, configName: string): never {
      throw new Error(`unknown lint config ${pkg}/${configName}`);
    },
  },
};
