// One flow node → its IR node, or undefined (with the reasons in `diag`).
import type { IrNode, IrNodeType } from '../../ir';
import { BPMN_ELEMENTS, elementOfBpmnType } from '../../ir/elements';
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
import { withStandardLoop } from './standard-loop';
import { compileSignalCatchEvent, compileSignalEndEvent, compileSignalStartEvent, compileSignalThrowEvent, withSignalTrigger } from './signal-events';
import { compileCallActivity } from './call-activity';
import { compileLinkCatchEvent, compileLinkThrowEvent, withLinkTrigger } from './link-events';
import { compileTimerStartEvent, withTimerStart } from './timer-start';

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

/**
 * The compiler of each element of the catalogue (the catalogue maps bpmn-moddle
 * types to these IR types). Everything else (other tasks, gateways, events,
 * sub-processes) is rejected.
 */
const COMPILERS: Record<IrNodeType, NodeCompiler> = {
  startEvent: withTimerStart(
    compileTimerStartEvent,
    withSignalTrigger(compileSignalStartEvent, withMessageTrigger(compileMessageStartEvent, compileStartEvent)),
  ),
  endEvent: withOutcome(withSignalTrigger(compileSignalEndEvent, withMessageTrigger(compileMessageEndEvent, compileEndEvent))),
  userTask: compileUserTask,
  serviceTask: compileServiceTask,
  // A task without a type (bpmn:Task, the catalogue's second manual task type) runs as a manual task but stays marked untyped.
  manualTask: (el, graph, diag) => (el.$type === BPMN_ELEMENTS.manualTask.bpmnTypes[0] ? compileManualTask : compileUntypedTask)(el, graph, diag),
  scriptTask: compileScriptTask,
  businessRuleTask: compileBusinessRuleTask,
  exclusiveGateway: compileExclusiveGateway,
  parallelGateway: compileParallelGateway,
  inclusiveGateway: compileInclusiveGateway,
  subProcess: compileSubProcess,
  eventSubProcess: compileSubProcess,
  callActivity: compileCallActivity,
  boundaryEvent: compileBoundaryEvent,
  intermediateCatchEvent: withLinkTrigger(
    compileLinkCatchEvent,
    withSignalTrigger(compileSignalCatchEvent, withMessageTrigger(compileMessageCatchEvent, compileIntermediateCatchEvent)),
  ),
  intermediateThrowEvent: withLinkTrigger(
    compileLinkThrowEvent,
    withSignalTrigger(compileSignalThrowEvent, withMessageTrigger(compileMessageThrowEvent, compileIntermediateThrowEvent)),
  ),
  receiveTask: compileReceiveTask,
  sendTask: compileSendTask,
  eventBasedGateway: compileEventBasedGateway,
};

export function compileNode(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrNode | undefined {
  const element = elementOfBpmnType(el.$type, el.triggeredByEvent === true);
  if (!element) return rejectUnsupported(el, diag);
  const compile = COMPILERS[element.type];
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
  const multi = node && withMultiInstance(io ? { ...node, io } : node, el, diag);
  const looped = multi && withStandardLoop(multi, el, diag);
  return looped && withSla(withStartForm(looped, el, diag), el, diag);
}
