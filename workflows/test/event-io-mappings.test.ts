// Output mappings on events (issue 15): zeebe:ioMapping on start, end,
// intermediate and boundary events compiles as Camunda 8 takes it; what
// Camunda 8 does not run there is an error naming the event.
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import { between, flow, processXml, userTask } from './support/bpmn';

const outputs = (pairs: [string, string][]) =>
  `<bpmn:extensionElements><zeebe:ioMapping>${pairs.map(([s, t]) => `<zeebe:output source="${s}" target="${t}"/>`).join('')}</zeebe:ioMapping></bpmn:extensionElements>`;

async function compiledIr(xml: string) {
  const result = await compileBpmn(xml);
  if (!result.ok) expect.fail(JSON.stringify(result.errors));
  return result.ir;
}

async function errorsOf(xml: string) {
  const result = await compileBpmn(xml);
  if (result.ok) throw new Error('expected compile errors');
  return result.errors;
}

describe('input/output mappings on events', () => {
  it('compiles outputs on start, none throw, timer catch, boundary and end events', async () => {
    const ir = await compiledIr(
      processXml(
        `<bpmn:startEvent id="s">${outputs([['=0', 'putaran']])}</bpmn:startEvent>${flow('f1', 's', 'm')}` +
          `<bpmn:intermediateThrowEvent id="m">${outputs([['=&quot;diterima&quot;', 'status']])}</bpmn:intermediateThrowEvent>${flow('f2', 'm', 't')}` +
          `<bpmn:intermediateCatchEvent id="t">${outputs([['=putaran + 1', 'putaran']])}<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>` +
          `${flow('f3', 't', 'u')}${userTask('u')}<bpmn:boundaryEvent id="b" attachedToRef="u">${outputs([['=&quot;terlambat&quot;', 'status']])}<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>` +
          `${flow('f4', 'u', 'e')}${flow('f5', 'b', 'e')}<bpmn:endEvent id="e">${outputs([['=&quot;selesai&quot;', 'status']])}</bpmn:endEvent>`,
      ),
    );
    expect(ir.nodes.s!.io).toEqual({ inputs: [], outputs: [{ source: '0', target: 'putaran' }] });
    expect(ir.nodes.m!.io!.outputs).toEqual([{ source: '"diterima"', target: 'status' }]);
    expect(ir.nodes.t!.io!.outputs).toEqual([{ source: 'putaran + 1', target: 'putaran' }]);
    expect(ir.nodes.b!.io!.outputs).toEqual([{ source: '"terlambat"', target: 'status' }]);
    expect(ir.nodes.e!.io!.outputs).toEqual([{ source: '"selesai"', target: 'status' }]);
  });

  it('refuses outputs on a terminate end event and inputs on a catch event, naming the event', async () => {
    const terminate = processXml(
      `<bpmn:startEvent id="s"/>${flow('f', 's', 'e')}<bpmn:endEvent id="e" name="Hentikan">${outputs([['=1', 'x']])}<bpmn:terminateEventDefinition/></bpmn:endEvent>`,
    );
    expect(await errorsOf(terminate)).toEqual([
      {
        elementId: 'e',
        message:
          'Terminate end event "Hentikan" has output mappings; nothing in the case comes after a terminate end event to read them, so remove them (set the variables in a step before it)',
      },
    ]);
    const catchInputs = between(
      `<bpmn:intermediateCatchEvent id="x" name="Tunggu"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=1" target="a"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
      'x',
    );
    expect(await errorsOf(catchInputs)).toEqual([
      { elementId: 'x', message: expect.stringMatching(/^Timer intermediate catch event "Tunggu" has input mappings \(to "a"\)/) },
    ]);
  });
});
