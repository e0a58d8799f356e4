// Small BPMN XML builders for compiler tests.

const NAMESPACES = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
].join(' ');

/** A BPMN document around `content` (root elements). */
export const definitions = (content: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NAMESPACES} id="Defs" targetNamespace="http://alur.test">${content}</bpmn:definitions>`;

/** A document with one process `p` holding `content`. */
export const processXml = (content: string) => definitions(`<bpmn:process id="p" name="Uji" isExecutable="true">${content}</bpmn:process>`);

export const flow = (id: string, source: string, target: string, condition?: string) =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"/>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

export const userTask = (id: string, groups = 'staf', inner = '') =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${groups}"/></bpmn:extensionElements>${inner}</bpmn:userTask>`;

/** start → `middle` (entered at `first`, left at `last`) → end. */
export const between = (middle: string, first: string, last = first) =>
  processXml(`<bpmn:startEvent id="start"/>${flow('fIn', 'start', first)}${middle}${flow('fOut', last, 'end')}<bpmn:endEvent id="end"/>`);

export const webhookTask = (id: string, headers: Record<string, string>, definition = 'type="webhook"') =>
  `<bpmn:serviceTask id="${id}" name="Panggil"><bpmn:extensionElements><zeebe:taskDefinition ${definition}/><zeebe:taskHeaders>${Object.entries(headers)
    .map(([key, value]) => `<zeebe:header key="${key}" value="${value}"/>`)
    .join('')}</zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`;

/** A timer boundary event `id` on `host`, leading to `end`; `timer` is the content of its timerEventDefinition. */
export const timerOn = (host: string, timer: string, attrs = '', id = 'timer') =>
  `<bpmn:boundaryEvent id="${id}" name="Tenggat" attachedToRef="${host}" ${attrs}><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow(`${id}Flow`, id, 'end')}`;

/** A timer intermediate catch event; `timer` is the content of its timerEventDefinition. */
export const timerCatch = (id: string, timer: string) =>
  `<bpmn:intermediateCatchEvent id="${id}" name="Tunggu"><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;

export const duration = (value: string) => `<bpmn:timeDuration>${value}</bpmn:timeDuration>`;
export const date = (value: string) => `<bpmn:timeDate>${value}</bpmn:timeDate>`;
