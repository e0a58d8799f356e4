// The data parts of the IR: input/output mappings, user task forms and due
// dates, and DMN decision tables bound at deploy. Plain JSON, like the rest of
// the IR (see sop.ts).
import type { FormSchema } from '../forms/schema';

export type { FormComponent, FormSchema } from '../forms/schema';

/**
 * One mapping into `target` (a name or a dotted path): the value of a FEEL
 * expression (`source`, without the leading `=`), or a fixed value (`value`:
 * Camunda's static text, camunda:list, camunda:map).
 */
export type IrVariableMapping = { target: string } & ({ source: string } | { value: unknown });

/**
 * zeebe:ioMapping / camunda:inputOutput. Inputs are evaluated when the
 * activity starts, in order, into variables local to it; outputs are evaluated
 * when it ends, against the case, its locals and its result, into the case.
 * Without outputs, the activity's result merges into the case.
 */
export interface IrIoMapping {
  inputs: IrVariableMapping[];
  outputs: IrVariableMapping[];
}

/** The form of a user task. */
export interface IrTaskForm {
  /** zeebe:formDefinition formKey or camunda:formKey, as written (e.g. `camunda-forms:bpmn:UserTaskForm_1`, or an app's own key). */
  formKey?: string;
  /** zeebe:formDefinition formId / camunda:formRef: a form deployed with POST /api/forms. */
  formId?: string;
  /** The deployed form's version bound at deploy (the latest one then). */
  formVersion?: number;
  /** zeebe:formDefinition externalReference: a form outside Alur. */
  externalReference?: string;
  /** The form-js schema: embedded (zeebe:userTaskForm) or bound from a deployed form. Submissions are validated against it. */
  schema?: FormSchema;
}

/** zeebe:taskSchedule: an ISO-8601 date-time with an offset, or a FEEL expression (with its `=`), evaluated when the task opens. */
export interface IrTaskSchedule {
  dueDate?: string;
  followUpDate?: string;
}

export type DmnHitPolicy = 'UNIQUE' | 'FIRST' | 'ANY' | 'PRIORITY' | 'COLLECT' | 'RULE ORDER';
export type DmnAggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

/** A DMN decision table, compiled at decision deploy and copied into the SOP's IR when it is bound. */
export interface DecisionTable {
  decisionId: string;
  name: string;
  /** The deployed decision's version bound into the SOP. */
  version?: number;
  hitPolicy: DmnHitPolicy;
  aggregation?: DmnAggregation;
  /** FEEL input expressions. */
  inputs: { id: string; label: string; expression: string }[];
  /** Output names (the context keys of a result); `outputValues` (FEEL literals) order PRIORITY hits. */
  outputs: { id: string; name: string; outputValues?: string[] }[];
  rules: { id: string; inputEntries: string[]; outputEntries: string[] }[];
}

/** How Camunda 7 hands a decision's result to its task (camunda:mapDecisionResult). */
export type Camunda7ResultMapping = 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList';

/** zeebe:calledDecision (or camunda:decisionRef): which decision, and where its result goes. */
export interface IrCalledDecision {
  decisionId: string;
  resultVariable: string;
  /** Camunda 7 models: the result is shaped as Camunda 7 does; absent: as Camunda 8 does. */
  camunda7Result?: Camunda7ResultMapping;
  /** Bound at deploy from the deployed decisions (latest version). */
  table?: DecisionTable;
}
