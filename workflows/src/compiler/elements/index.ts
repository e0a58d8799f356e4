// One flow node → its IR node, or undefined (with the reasons in `diag`).
import type { IrNode } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, idOf, type BpmnElement } from '../model';
import { warnIgnoredExtensions } from './activity';
import { compileBoundaryEvent } from './boundary-event';
import { compileBusinessRuleTask } from './business-rule-task';
import { compileEndEvent, compileStartEvent } from './events';
import { withOutcome } from './end-event-outcome';
import { compileExclusiveGateway, compileInclusiveGateway, compileParallelGateway } from './gateways';
import { compileIntermediateCatchEvent } from './intermediate-catch-event';
import { compileIntermediateThrowEvent } from './intermediate-throw-event';
import { compileIoMapping } from './io-mapping';
import { withStartForm } from './start-form';
import { compileManualTask, compileUntypedTask } from './manual-task';
import { compileEventBasedGateway } from './event-based-gateway';
import { compileMessageCatchEvent, compileMessageEndEvent, compileMessageStartEvent, compileMessageThrowEvent, withMessageTrigger } from './message-events';
import { compileReceiveTask } from './receive-task';
import { compileSendTask } from './send-task';
import { compileScriptTask } from './script-task';
import { compileServiceTask } from './service-task';
import { compileSubProcess } from './sub-process';
import { withSla } from '../sla';
import { rejectUnsupported } from './unsupported';
import { compileUserTask } from './user-task';
import { withMultiInstance } from './multi-instance';
import { compileSignalCatchEvent, compileSignalEndEvent, compileSignalStartEvent, compileSignalThrowEvent, withSignalTrigger } from './signal-events';
import { compileCallActivity } from './call-activity';

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

/** The flow node types Alur runs. Everything else (other tasks, gateways, events, sub-processes) is rejected. */
const COMPILERS: Record<string, NodeCompiler> = {
  'bpmn:StartEvent': withSignalTrigger(compileSignalStartEvent, withMessageTrigger(compileMessageStartEvent, compileStartEvent)),
  'bpmn:EndEvent': withOutcome(withSignalTrigger(compileSignalEndEvent, withMessageTrigger(compileMessageEndEvent, compileEndEvent))),
  'bpmn:UserTask': compileUserTask,
  'bpmn:ServiceTask': compileServiceTask,
  'bpmn:ManualTask': compileManualTask,
  'bpmn:Task': compileUntypedTask,
  'bpmn:ScriptTask': compileScriptTask,
  'bpmn:BusinessRuleTask': compileBusinessRuleTask,
  'bpmn:ExclusiveGateway': compileExclusiveGateway,
  'bpmn:ParallelGateway': compileParallelGateway,
  'bpmn:InclusiveGateway': compileInclusiveGateway,
  'bpmn:SubProcess': compileSubProcess,
  'bpmn:CallActivity': compileCallActivity,
  'bpmn:BoundaryEvent': compileBoundaryEvent,
  'bpmn:IntermediateCatchEvent': withSignalTrigger(compileSignalCatchEvent, withMessageTrigger(compileMessageCatchEvent, compileIntermediateCatchEvent)),
  'bpmn:IntermediateThrowEvent': withSignalTrigger(compileSignalThrowEvent, withMessageTrigger(compileMessageThrowEvent, compileIntermediateThrowEvent)),
  'bpmn:ReceiveTask': compileReceiveTask,
  'bpmn:SendTask': compileSendTask,
  'bpmn:EventBasedGateway': compileEventBasedGateway,
};

export function compileNode(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrNode | undefined {
  const compile = COMPILERS[el.$type];
  if (!compile) return rejectUnsupported(el, diag);
  // One root error for a compensation handler, not one per setting it has.
  if (el.isForCompensation === true) {
    diag.refuse(
      idOf(el),
      `${describe(el)} is a compensation handler; compensation is not supported yet, so model the undoing as steps on an error or escalation path instead`,
    );
    return undefined;
  }
  warnIgnoredExtensions(el, diag);
  const node = compile(el, graph, diag);
  const io = node && compileIoMapping(el, node.type, diag);
  const looped = node && withMultiInstance(io ? { ...node, io } : node, el, diag);
  return looped && withSla(withStartForm(looped, el, diag), el, diag);
}
