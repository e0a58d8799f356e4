// A start form (zeebe:formDefinition or camunda:formKey/formRef on the none
// start event): the API checks the variables a case is started with against
// it (services/start-form.ts), as the completeTask Update does for task forms.
import type { IrNode } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { BpmnElement } from '../model';
import { compileTaskForm } from './user-task-form';

export function withStartForm(node: IrNode, el: BpmnElement, diag: Diagnostics): IrNode {
  if (node.type !== 'startEvent') return node;
  const result = compileTaskForm(el, diag);
  return result.ok && result.form ? { ...node, form: result.form } : node;
}
