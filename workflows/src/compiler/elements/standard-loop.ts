// Standard loops (bpmn:standardLoopCharacteristics, the loop marker): the
// activity runs again while its loopCondition holds (BPMN: "as long as the
// condition is true"), checked before each iteration (testBefore) or after
// it, at most loopMaximum times. On the activities that can be multi-instance.
import { feelSyntaxError, stripFeelPrefix } from '../../feel';
import type { IrNode, IrStandardLoop } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import { juelToFeel, looksLikeJuel } from '../juel';
import { describe, elementProp, expressionBody, idOf, type BpmnElement } from '../model';
import { runsMultiInstance } from './multi-instance';

const STANDARD_LOOP = 'bpmn:StandardLoopCharacteristics';

/** The standard loop characteristics of `el`, if it has them. */
export function standardLoopOf(el: BpmnElement): BpmnElement | undefined {
  const loop = elementProp(el, 'loopCharacteristics');
  return loop?.$type === STANDARD_LOOP ? loop : undefined;
}

/** Adds the compiled loop to `node`; undefined (reported) when it is wrong. */
export function withStandardLoop(node: IrNode, el: BpmnElement, diag: Diagnostics): IrNode | undefined {
  const marker = standardLoopOf(el);
  if (!marker) return node;
  const id = idOf(el);
  const what = describe(el);
  const whatLower = what.charAt(0).toLowerCase() + what.slice(1);
  if (!runsMultiInstance(el)) {
    if (!diag.hasErrorFor(id)) {
      diag.error(id, `${what} has a loop marker; loops run only on user, service, script and manual tasks, sub-processes and call activities`);
    }
    return undefined;
  }
  const before = diag.errors.length;
  const written = expressionBody(marker, 'loopCondition')?.trim() || undefined;
  const text = written !== undefined && looksLikeJuel(written) ? juelToFeel(diag, el, 'loop condition', written, '=loopCounter < 3') : written;
  let condition: string | undefined;
  if (text !== undefined) {
    const error = feelSyntaxError(text);
    if (error) diag.error(id, `The loop condition "${text}" of ${whatLower} is not valid FEEL: ${error}`);
    else condition = stripFeelPrefix(text);
  }
  const maximumText = marker.loopMaximum;
  let maximum: number | undefined;
  if (maximumText !== undefined && maximumText !== null && String(maximumText).trim() !== '') {
    maximum = Number(maximumText);
    if (!Number.isInteger(maximum) || maximum < 1) {
      diag.error(id, `The loop maximum "${String(maximumText)}" of ${whatLower} must be a whole number of at least 1`);
      maximum = undefined;
    }
  }
  if (written === undefined && maximum === undefined && diag.errors.length === before) {
    diag.error(
      id,
      `${what} has a loop marker with neither a loop condition nor a loop maximum, so it would loop for ever; give it a loopCondition (FEEL, e.g. =not(lengkap)) or a loopMaximum`,
    );
  }
  if (diag.errors.length > before) return undefined;
  const loop: IrStandardLoop = {
    testBefore: marker.testBefore === true,
    ...(condition === undefined ? {} : { condition }),
    ...(maximum === undefined ? {} : { maximum }),
  };
  return { ...node, loop };
}
