// camunda-bpmn-js-behaviors' FormsBehavior, with one change: an embedded form
// (zeebe:formDefinition formKey "camunda-forms:bpmn:<id>" + zeebe:userTaskForm)
// stays on a user task that has zeebe:userTask. Camunda 8.5+ drops embedded
// forms from such tasks, and the designer makes every new user task one
// (CreateZeebeUserTaskBehavior), so a form drawn in Alur's form editor would
// vanish on save. Alur's compiler runs both kinds of user task alike and reads
// the embedded form on either (workflows/src/compiler/elements/user-task-form.ts).
// The rest is kept: a custom form key on a zeebe:userTask becomes an external
// reference, an external reference on a job-worker user task a form key.
import FormsBehavior from 'camunda-bpmn-js-behaviors/lib/camunda-cloud/FormsBehavior';
import { EMBEDDED_FORM_PREFIX } from './embedded-form';

interface Moddle {
  $instanceOf(type: string): boolean;
  get(name: string): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
interface Shape {
  businessObject: Moddle;
}

function extensionValues(bo: Moddle, type: string): Moddle[] {
  const ext = bo.get('extensionElements') as Moddle | undefined;
  return ((ext?.get('values') as Moddle[] | undefined) ?? []).filter((v) => v.$instanceOf(type));
}

export class AlurFormsBehavior extends FormsBehavior {
  _registerZeebeUserTaskSupport(): void {
    this.postExecute(
      'element.updateModdleProperties',
      ({ element }: { element: Shape }) => {
        const bo = element.businessObject;
        if (!bo.$instanceOf('bpmn:UserTask')) return;
        const definition = extensionValues(bo, 'zeebe:FormDefinition')[0];
        if (!definition) return;
        const zeebeUserTask = extensionValues(bo, 'zeebe:UserTask').length > 0;
        if (zeebeUserTask) {
          const formKey = definition.get('formKey') as string | undefined;
          if (formKey === undefined || formKey.startsWith(EMBEDDED_FORM_PREFIX)) return;
          this._modeling.updateModdleProperties(element, definition, { externalReference: formKey });
        } else {
          const externalReference = definition.get('externalReference') as string | undefined;
          if (externalReference === undefined) return;
          this._modeling.updateModdleProperties(element, definition, { externalReference: undefined, formKey: externalReference });
        }
      },
      true,
    );
  }
}

/** Put after camunda-bpmn-js-behaviors' camunda-cloud module: replaces its formsBehavior. */
export const AlurFormsBehaviorModule: Record<string, unknown> = {
  __init__: ['formsBehavior'],
  formsBehavior: ['type', AlurFormsBehavior],
};
