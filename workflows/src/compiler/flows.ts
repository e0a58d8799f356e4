// Sequence flows: their ends and their conditions.
import { isBpmnType } from '../ir/elements';
import { feelSyntaxError, stripFeelPrefix } from '../feel';
import type { IrFlow } from '../ir';
import type { Diagnostics } from './diagnostics';
import { endpoint, type ProcessGraph } from './graph';
import { looksLikeJuel, translateJuel } from './juel';
import { describe, displayName, elementProp, expressionBody, idOf, normalizeName, stringProp, type BpmnElement } from './model';

export function compileFlow(flow: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrFlow | undefined {
  const id = idOf(flow)!;
  const before = diag.errors.length;
  const source = checkEnd(flow, 'sourceRef', graph, diag);
  const target = checkEnd(flow, 'targetRef', graph, diag);
  const condition = checkCondition(flow, graph, diag);
  if (diag.errors.length > before || !source || !target) return undefined;
  const name = normalizeName(stringProp(flow, 'name'));
  return {
    id,
    ...(name ? { name } : {}),
    source,
    target,
    ...(condition === undefined ? {} : { condition }),
  };
}

function checkEnd(flow: BpmnElement, property: 'sourceRef' | 'targetRef', graph: ProcessGraph, diag: Diagnostics): string | undefined {
  const id = endpoint(flow, property, graph);
  if (id) return id;
  const end = elementProp(flow, property);
  const side = property === 'sourceRef' ? 'source' : 'target';
  if (!end) {
    // An unresolved reference was reported while parsing.
    if (!diag.hasErrorFor(idOf(flow))) diag.error(idOf(flow), `${describe(flow)} has no ${side}`);
  } else {
    diag.error(idOf(flow), `${describe(flow)} has ${describe(end)} as its ${side}, which is not a step of this process`);
  }
  return undefined;
}

/** The flow's FEEL condition without the leading `=`, if it has one; reports misplaced or invalid conditions. */
function checkCondition(flow: BpmnElement, graph: ProcessGraph, diag: Diagnostics): string | undefined {
  const body = expressionBody(flow, 'conditionExpression');
  if (body === undefined) return undefined;
  const id = idOf(flow);

  const source = elementProp(flow, 'sourceRef');
  const sourceId = endpoint(flow, 'sourceRef', graph);
  if (source && sourceId && !isBpmnType(source, 'exclusiveGateway') && !isBpmnType(source, 'inclusiveGateway')) {
    diag.error(
      id,
      isBpmnType(source, 'parallelGateway')
        ? `${describe(flow)} leaves parallel gateway "${displayName(source)}" and must not have a condition: a parallel gateway takes all its flows`
        : `${describe(flow)} has a condition but does not leave an exclusive or inclusive gateway; conditional flows are not supported yet, put a gateway before the choice`,
    );
    return undefined;
  }

  // `language` is a property of tFormalExpression; on a plain expression moddle keeps it as an extra attribute.
  const expression = elementProp(flow, 'conditionExpression')!;
  const language = (stringProp(expression, 'language') ?? expression.$attrs?.language)?.trim();
  let feel = body;
  if (looksLikeJuel(body) && (!language || /^juel$/i.test(language))) {
    // A Camunda 7 condition: translated when it has a plain FEEL equivalent (juel.ts).
    const translated = translateJuel(body);
    if (!translated.ok) {
      diag.error(
        id,
        `The condition ${body} of ${lowerFirst(describe(flow))} is a Camunda 7 (JUEL) expression Alur cannot translate: ${translated.reason}; write it in FEEL, e.g. =amount > 1000`,
      );
      return undefined;
    }
    feel = translated.feel;
    diag.warn(id, `Condition of flow "${displayName(flow)}" was JUEL ${body}; Alur runs it as the FEEL ${feel}`);
  } else if (language && !/feel/i.test(language)) {
    diag.error(id, `The condition of ${lowerFirst(describe(flow))} is written in "${language}"; only FEEL is supported`);
    return undefined;
  }
  const syntaxError = feelSyntaxError(feel);
  if (syntaxError) {
    diag.error(id, `The condition "${feel}" of ${lowerFirst(describe(flow))} is not valid FEEL: ${syntaxError}`);
    return undefined;
  }
  return stripFeelPrefix(feel);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
