// Signal events at deploy: what compiles, and the errors naming the element.
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import { between, flow, processXml, userTask } from './support/bpmn';

const withSignal = (xml: string, name = 'banjir') => xml.replace('<bpmn:process', `<bpmn:signal id="G" name="${name}"/><bpmn:process`);

async function errorsOf(xml: string) {
  const result = await compileBpmn(xml);
  if (result.ok) throw new Error('expected compile errors');
  return result.errors;
}

describe('signal events', () => {
  it('a process started only by a signal starts there, and its steps are reachable', async () => {
    const result = await compileBpmn(
      withSignal(
        processXml(
          `<bpmn:startEvent id="mulai"><bpmn:signalEventDefinition signalRef="G"/></bpmn:startEvent>${flow('f1', 'mulai', 't')}${userTask('t')}${flow('f2', 't', 'end')}<bpmn:endEvent id="end"/>`,
        ),
      ),
    );
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.startEventId).toBe('mulai');
    expect(result.ir.nodes.mulai).toMatchObject({ type: 'startEvent', signal: { name: 'banjir' } });
  });

  it('an event-based gateway may wait for a signal', async () => {
    const xml = withSignal(
      processXml(
        `<bpmn:startEvent id="start"/>${flow('f0', 'start', 'gw')}<bpmn:eventBasedGateway id="gw"/>${flow('f1', 'gw', 'sig')}${flow('f2', 'gw', 'tmr')}` +
          `<bpmn:intermediateCatchEvent id="sig"><bpmn:signalEventDefinition signalRef="G"/></bpmn:intermediateCatchEvent>` +
          `<bpmn:intermediateCatchEvent id="tmr"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>` +
          `${flow('f3', 'sig', 'end')}${flow('f4', 'tmr', 'end')}<bpmn:endEvent id="end"/>`,
      ),
    );
    const result = await compileBpmn(xml);
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.nodes.sig).toMatchObject({ signal: { name: 'banjir' } });
  });

  it.each([
    [
      'catch event without a signal',
      '<bpmn:intermediateCatchEvent id="x"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>',
      /^Signal intermediate catch event "x" has no signal; choose or create one/,
    ],
    [
      'throw event with a nameless signal',
      '<bpmn:intermediateThrowEvent id="x"><bpmn:signalEventDefinition signalRef="N"/></bpmn:intermediateThrowEvent>',
      /uses signal "N", which has no name/,
    ],
    [
      'throw event with a FEEL name',
      '<bpmn:intermediateThrowEvent id="x"><bpmn:signalEventDefinition signalRef="F"/></bpmn:intermediateThrowEvent>',
      /computes its signal name \("=jenis"\); only a fixed signal name is supported/,
    ],
  ])('refuses a %s, naming it', async (_what, element, message) => {
    const xml = between(element, 'x').replace('<bpmn:process', '<bpmn:signal id="N"/><bpmn:signal id="F" name="=jenis"/><bpmn:process');
    expect(await errorsOf(xml)).toEqual([{ elementId: 'x', message: expect.stringMatching(message) }]);
  });

  it('a signal start event inside an embedded sub-process is refused', async () => {
    const xml = withSignal(
      between(
        `<bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"><bpmn:signalEventDefinition signalRef="G"/></bpmn:startEvent>${flow('s1', 'subStart', 'subEnd')}<bpmn:endEvent id="subEnd"/></bpmn:subProcess>`,
        'sub',
      ),
    );
    expect(await errorsOf(xml)).toEqual([
      { elementId: 'subStart', message: expect.stringMatching(/not supported yet; the start event of an embedded sub-process has no trigger/) },
    ]);
  });
});
