// Multi-instance tasks (bpmn:multiInstanceLoopCharacteristics), Camunda 8
// style: zeebe:loopCharacteristics inputCollection / inputElement /
// outputCollection / outputElement, bpmn:completionCondition, or a
// loopCardinality; Camunda 7's camunda:collection / camunda:elementVariable.
import { feelSyntaxError, stripFeelPrefix } from '../../feel';
import type { IrMultiInstance, IrNode } from '../../ir';
import { elementOfBpmnType } from '../../ir/elements';
import type { Diagnostics } from '../diagnostics';
import { juelToFeel, looksLikeJuel } from '../juel';
import { describe, elementProp, expressionBody, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { isVariableName, VARIABLE_NAME_RULE } from './variable-name';

/** Whether Alur runs instances of the element's type (an embedded sub-process, not an event sub-process). */
export function runsMultiInstance(el: BpmnElement): boolean {
  return elementOfBpmnType(el.$type, el.triggeredByEvent === true)?.multiInstance ?? false;
}

/** The multi-instance loop characteristics of `el`, if it has them. */
export function multiInstanceOf(el: BpmnElement): BpmnElement | undefined {
  const loop = elementProp(el, 'loopCharacteristics');
  return loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? loop : undefined;
}

/** Adds the compiled multi-instance settings to `node`; undefined (reported) when they are wrong. */
export function withMultiInstance(node: IrNode, el: BpmnElement, diag: Diagnostics): IrNode | undefined {
  const loop = multiInstanceOf(el);
  if (!loop) return node;
  if (!runsMultiInstance(el)) {
    // Most activities say so in checkActivityMarkers; the others (send tasks) here.
    if (diag.hasErrorFor(idOf(el))) return undefined;
    diag.error(
      idOf(el),
      `${describe(el)} is multi-instance; multi-instance is supported only on user, service, script and manual tasks, sub-processes and call activities`,
    );
    return undefined;
  }
  const before = diag.errors.length;
  const multiInstance = compileMultiInstance(el, loop, diag);
  return diag.errors.length > before || !multiInstance ? undefined : { ...node, multiInstance };
}

function compileMultiInstance(el: BpmnElement, loop: BpmnElement, diag: Diagnostics): IrMultiInstance | undefined {
  const id = idOf(el);
  const what = describe(el);
  const before = diag.errors.length;
  const zeebe = extensions(loop, 'zeebe:LoopCharacteristics');
  if (zeebe.length > 1) diag.error(id, `${what} has more than one zeebe:loopCharacteristics`);
  const z = zeebe[0];

  const feel = (field: string, text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    const error = feelSyntaxError(text);
    if (error) {
      diag.error(id, `The ${field} "${text}" of ${what} is not valid FEEL: ${error}`);
      return undefined;
    }
    return stripFeelPrefix(text);
  };
  const name = (field: string, text: string | undefined): string | undefined => {
    if (text !== undefined && !isVariableName(text)) diag.error(id, `The ${field} "${text}" of ${what} must be ${VARIABLE_NAME_RULE}`);
    return text;
  };

  const camunda7 = camunda7Collection(el, loop, diag);
  const collectionText = trimmed(z && stringProp(z, 'inputCollection')) ?? camunda7;
  const inputCollection = feel('input collection', collectionText);
  const inputElement = name('input element', trimmed(z && stringProp(z, 'inputElement')) ?? trimmed(stringProp(loop, 'elementVariable')));
  const outputCollection = name('output collection', trimmed(z && stringProp(z, 'outputCollection')));
  const outputElement = feel('output element', trimmed(z && stringProp(z, 'outputElement')));
  const loopCardinality = feel('loop cardinality', expressionBody(loop, 'loopCardinality'));
  // A Camunda 7 completion condition is translated when it has a plain FEEL equivalent (juel.ts), its
  // nrOfInstances, nrOfCompletedInstances and nrOfActiveInstances read as Camunda 8's numberOf... .
  const written = expressionBody(loop, 'completionCondition');
  const completion =
    written !== undefined && looksLikeJuel(written)
      ? juelToFeel(diag, el, 'completion condition', written, '=numberOfCompletedInstances >= 2', (feel) =>
          feel.replace(/\bnrOf(Instances|CompletedInstances|ActiveInstances)\b/g, 'numberOf$1'),
        )
      : written;
  const completionCondition = feel('completion condition', completion);

  if (collectionText === undefined && loopCardinality === undefined && diag.errors.length === before) {
    diag.error(
      id,
      `${what} is multi-instance without an input collection or a loop cardinality; say what it runs over (zeebe:loopCharacteristics inputCollection)`,
    );
  }
  if (outputCollection !== undefined && outputElement === undefined) {
    diag.error(id, `${what} has output collection "${outputCollection}" but no output element; say what each instance adds to it`);
  }
  if (outputElement !== undefined && outputCollection === undefined) {
    diag.error(id, `${what} has an output element but no output collection; name the case variable that receives the list`);
  }
  for (const b of elementsOf(loop)) {
    diag.error(id, `${what} uses ${b} on its multi-instance marker, which Alur does not run`);
  }
  return {
    sequential: loop.isSequential === true,
    ...(inputCollection === undefined ? {} : { inputCollection }),
    ...(loopCardinality === undefined || inputCollection !== undefined ? {} : { loopCardinality }),
    ...(inputElement === undefined ? {} : { inputElement }),
    ...(outputCollection === undefined ? {} : { outputCollection }),
    ...(outputElement === undefined ? {} : { outputElement }),
    ...(completionCondition === undefined ? {} : { completionCondition }),
  };
}

/** camunda:collection: a variable name or `${name}` (read as FEEL); other JUEL is rejected. */
function camunda7Collection(el: BpmnElement, loop: BpmnElement, diag: Diagnostics): string | undefined {
  const text = trimmed(stringProp(loop, 'collection'));
  if (text === undefined) return undefined;
  const name = /^\$\{\s*([A-Za-z_][\w.]*)\s*\}$/.exec(text)?.[1] ?? text;
  if (!/^[A-Za-z_][\w.]*$/.test(name)) {
    diag.error(
      idOf(el),
      `The collection "${text}" of ${describe(el)} is a Camunda 7 expression Alur cannot read; name the case variable holding the list, or use zeebe:loopCharacteristics inputCollection`,
    );
    return undefined;
  }
  return name;
}

/** Multi-instance features Alur does not run. */
function elementsOf(loop: BpmnElement): string[] {
  const found: string[] = [];
  if (elementProp(loop, 'loopDataInputRef') || elementProp(loop, 'inputDataItem')) found.push('BPMN data inputs (loopDataInputRef/inputDataItem)');
  if (elementProp(loop, 'loopDataOutputRef') || elementProp(loop, 'outputDataItem')) found.push('BPMN data outputs (loopDataOutputRef/outputDataItem)');
  if (Array.isArray(loop.complexBehaviorDefinition) && loop.complexBehaviorDefinition.length > 0) found.push('complex behavior definitions');
  return found;
}

function trimmed(text: string | undefined): string | undefined {
  return text?.trim() || undefined;
}
