// bpmn-js-bpmnlint's `linting.completed` issues (by element id) as one list,
// errors first, for the designer's problem list.
export interface LintIssue {
  id: string;
  message: string;
  category: 'error' | 'warn' | 'info' | string;
  rule?: string;
}

export interface ListedIssue {
  elementId: string;
  message: string;
  category: string;
}

const ORDER: Record<string, number> = { error: 0, warn: 1, info: 2 };

export function listIssues(issues: Record<string, LintIssue[]>): ListedIssue[] {
  return Object.entries(issues)
    .flatMap(([elementId, list]) => list.map((i) => ({ elementId, message: i.message, category: i.category })))
    .sort((a, b) => (ORDER[a.category] ?? 3) - (ORDER[b.category] ?? 3));
}
