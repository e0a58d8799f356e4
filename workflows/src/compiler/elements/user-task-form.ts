// The form of a user task: Camunda 8's zeebe:formDefinition (an embedded
// form-js schema by formKey `camunda-forms:bpmn:<id>`, a deployed form by
// formId, an external reference, or an app's own key) and Camunda 7's
// camunda:formRef / camunda:formKey. A deployed form is bound at SOP deploy
// (bind-resources.ts); generated Camunda 7 forms are refused.
import { checkFormSchema } from '../../forms/schema';
import type { IrTaskForm } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import { describe, extensions, idOf, stringProp, type BpmnElement } from '../model';

const EMBEDDED = 'camunda-forms:bpmn:';
/** Bindings that mean "the latest form when deployed": Alur binds every form at SOP deploy. */
const DEPLOY_TIME_BINDINGS = ['latest', 'deployment'];

export type FormResult = { ok: true; form?: IrTaskForm } | { ok: false };

export function compileTaskForm(el: BpmnElement, diag: Diagnostics): FormResult {
  const id = idOf(el);
  const before = diag.errors.length;
  const zeebe = extensions(el, 'zeebe:FormDefinition');
  const camundaKey = trimmed(stringProp(el, 'formKey'));
  const camundaRef = trimmed(stringProp(el, 'formRef'));
  if (extensions(el, 'camunda:FormData').length > 0) {
    diag.error(id, `${describe(el)} has a generated Camunda 7 form (camunda:formData); it is not supported, use a Camunda Form (form-js) instead`);
  }
  if (trimmed(stringProp(el, 'formHandlerClass'))) {
    diag.error(id, `${describe(el)} has a Camunda 7 form handler class; Java form handlers are not supported`);
  }
  if (zeebe.length > 1) diag.error(id, `${describe(el)} has more than one zeebe:formDefinition`);
  if (zeebe.length > 0 && (camundaKey || camundaRef)) {
    diag.error(id, `${describe(el)} has both a Camunda 8 form (zeebe:formDefinition) and a Camunda 7 one (camunda:formKey/formRef); keep one`);
  }
  if (diag.errors.length > before) return { ok: false };

  const definition = zeebe[0];
  if (definition) return zeebeForm(el, definition, diag);
  if (camundaRef) {
    const binding = trimmed(stringProp(el, 'formRefBinding')) ?? 'latest';
    if (!DEPLOY_TIME_BINDINGS.includes(binding)) {
      diag.error(
        id,
        `${describe(el)} binds its form "${camundaRef}" by ${binding}; Alur binds the latest deployed form when the SOP is deployed (formRefBinding latest or deployment)`,
      );
      return { ok: false };
    }
    return { ok: true, form: { formId: camundaRef } };
  }
  if (camundaKey) {
    if (/[$#]\{/.test(camundaKey)) {
      diag.error(id, `${describe(el)} computes its form key with a Camunda 7 expression ("${camundaKey}"); write the key itself`);
      return { ok: false };
    }
    diag.warn(id, `${describe(el)} uses the form key "${camundaKey}" of an app's own form; Alur shows the key on the task but cannot check what is submitted`);
    return { ok: true, form: { formKey: camundaKey } };
  }
  return { ok: true };
}

function zeebeForm(el: BpmnElement, definition: BpmnElement, diag: Diagnostics): FormResult {
  const id = idOf(el);
  const formKey = trimmed(stringProp(definition, 'formKey'));
  const formId = trimmed(stringProp(definition, 'formId'));
  const externalReference = trimmed(stringProp(definition, 'externalReference'));
  const given = [formKey, formId, externalReference].filter((v) => v !== undefined);
  if (given.length !== 1) {
    diag.error(
      id,
      `${describe(el)} has a zeebe:formDefinition with ${given.length === 0 ? 'none' : 'more than one'} of formKey, formId and externalReference; give exactly one`,
    );
    return { ok: false };
  }
  if (formId) {
    const binding = trimmed(stringProp(definition, 'bindingType')) ?? 'latest';
    if (!DEPLOY_TIME_BINDINGS.includes(binding)) {
      diag.error(
        id,
        `${describe(el)} binds its form "${formId}" by ${binding}; Alur binds the latest deployed form when the SOP is deployed (bindingType latest or deployment)`,
      );
      return { ok: false };
    }
    return { ok: true, form: { formId } };
  }
  if (externalReference) return { ok: true, form: { externalReference } };
  if (!formKey!.startsWith(EMBEDDED)) {
    diag.warn(id, `${describe(el)} uses the form key "${formKey}" of an app's own form; Alur shows the key on the task but cannot check what is submitted`);
    return { ok: true, form: { formKey } };
  }
  const formElementId = formKey!.slice(EMBEDDED.length);
  const embedded = embeddedForms(el).filter((f) => stringProp(f, 'id') === formElementId);
  if (embedded.length === 0) {
    diag.error(id, `${describe(el)} uses the embedded form "${formElementId}" (${formKey}), which is not in the process (zeebe:userTaskForm)`);
    return { ok: false };
  }
  const check = checkFormSchema(stringProp(embedded[0]!, 'body') ?? '');
  for (const warning of check.warnings) diag.warn(id, `The embedded form "${formElementId}" of ${lower(describe(el))}: ${warning}`);
  if (!check.schema) {
    for (const error of check.errors) diag.error(id, `The embedded form "${formElementId}" of ${lower(describe(el))}: ${error}`);
    return { ok: false };
  }
  return { ok: true, form: { formKey: formKey!, schema: check.schema } };
}

/** zeebe:userTaskForm elements of the process holding `el`. */
function embeddedForms(el: BpmnElement): BpmnElement[] {
  let at: BpmnElement | undefined = el;
  while (at && at.$type !== 'bpmn:Process') at = at.$parent as BpmnElement | undefined;
  return at ? extensions(at, 'zeebe:UserTaskForm') : [];
}

function trimmed(text: string | undefined): string | undefined {
  return text?.trim() || undefined;
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
