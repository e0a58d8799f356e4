// Alur's own bpmnlint rules: the designer sees, while drawing, what the
// compiler (workflows/src/compiler) would refuse at deploy. The server stays
// the judge; these only give the answer earlier.

interface ModdleNode {
  $type: string;
  $parent?: ModdleNode;
  $instanceOf?(type: string): boolean;
  id?: string;
  name?: string;
  extensionElements?: { values?: ModdleNode[] };
  laneSets?: { lanes?: Lane[] }[];
  [key: string]: unknown;
}
interface Lane {
  name?: string;
  flowNodeRef?: ModdleNode[];
  childLaneSet?: { lanes?: Lane[] };
}
interface Reporter {
  report(id: string, message: string): void;
}
type Rule = () => { check(node: ModdleNode, reporter: Reporter): void };

const is = (node: ModdleNode, type: string) => (node.$instanceOf ? node.$instanceOf(type) : node.$type === type);

function extension(node: ModdleNode, type: string): ModdleNode | undefined {
  return node.extensionElements?.values?.find((v) => v.$type === type);
}

/** The name of the innermost lane holding the node, if any. */
export function laneName(node: ModdleNode): string | undefined {
  const search = (lanes: Lane[] | undefined): string | undefined => {
    for (const lane of lanes ?? []) {
      const inner = search(lane.childLaneSet?.lanes);
      if (inner) return inner;
      if (lane.flowNodeRef?.includes(node)) return lane.name?.trim() || undefined;
    }
    return undefined;
  };
  for (let scope = node.$parent; scope; scope = scope.$parent) {
    for (const set of scope.laneSets ?? []) {
      const found = search(set.lanes);
      if (found) return found;
    }
  }
  return undefined;
}

const label = (node: ModdleNode) => (node.name ? `"${node.name}"` : node.id ?? '');

/**
 * A user task goes to its candidate groups, else to its lane's name; with neither (Camunda allows it) to the
 * staff of the case's unit: a warning, as the compiler gives one.
 */
export const userTaskCandidateRole: Rule = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const zeebe = extension(node, 'zeebe:AssignmentDefinition')?.candidateGroups;
    // The designer loads no Camunda 7 moddle: its attributes stay unknown ones.
    const camunda = (node.$attrs as Record<string, string> | undefined)?.['camunda:candidateGroups'];
    const hasGroups = (typeof zeebe === 'string' && zeebe.trim() !== '') || (typeof camunda === 'string' && camunda.trim() !== '');
    if (!hasGroups && !laneName(node)) {
      reporter.report(
        node.id!,
        `User task ${label(node)} has no candidate role (no candidate groups, no named lane): it goes to the staff of the case's handling unit (any role there), or, for a case with no unit, to holders of the global role petugas`,
      );
    }
  },
});

/** A service task runs one of Alur's built-in task types, named by zeebe:taskDefinition type. */
export const serviceTaskType: Rule = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:ServiceTask')) return;
    const type = extension(node, 'zeebe:TaskDefinition')?.type;
    if (typeof type !== 'string' || type.trim() === '') {
      reporter.report(node.id!, `Service task ${label(node)} has no task type; set zeebe:taskDefinition type (e.g. webhook)`);
    }
  },
});
