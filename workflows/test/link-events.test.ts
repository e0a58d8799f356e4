// Link intermediate events at deploy: a throw event goes on at the catch event
// of its name in its scope, through an IR flow of its own; wrong pairings are
// errors naming both events.
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '../src/compiler';
import { flow, processXml, userTask } from './support/bpmn';

const linkThrow = (id: string, name: string) =>
  `<bpmn:intermediateThrowEvent id="${id}" name="Ke ${name}"><bpmn:linkEventDefinition name="${name}"/></bpmn:intermediateThrowEvent>`;
const linkCatch = (id: string, name: string) =>
  `<bpmn:intermediateCatchEvent id="${id}" name="Dari ${name}"><bpmn:linkEventDefinition name="${name}"/></bpmn:intermediateCatchEvent>`;

/** start → Periksa → gateway: lengkap → end; else a link throw back to a link catch before Periksa. */
const retryLoop = (throwName = 'ulang', catchName = 'ulang') =>
  processXml(
    `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'Periksa')}${linkCatch('dari', catchName)}${flow('f2', 'dari', 'Periksa')}${userTask('Periksa')}` +
      `${flow('f3', 'Periksa', 'gw')}<bpmn:exclusiveGateway id="gw" default="f5"/>${flow('f4', 'gw', 'end', '=lengkap')}${flow('f5', 'gw', 'ke')}` +
      `${linkThrow('ke', throwName)}<bpmn:endEvent id="end"/>`,
  );

async function errorsOf(xml: string) {
  const result = await compileBpmn(xml);
  if (result.ok) throw new Error('expected compile errors');
  return result.errors;
}

describe('link events', () => {
  it('joins a throw event to the catch event of its name with an IR flow', async () => {
    const result = await compileBpmn(retryLoop());
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.nodes.ke).toMatchObject({ type: 'intermediateThrowEvent', link: 'ulang', outgoing: ['link:ke'] });
    expect(result.ir.nodes.dari).toMatchObject({ type: 'intermediateCatchEvent', link: 'ulang', incoming: ['link:ke'], outgoing: ['f2'] });
    expect(result.ir.flows['link:ke']).toEqual({ id: 'link:ke', source: 'ke', target: 'dari' });
  });

  it('lets several throw events lead to one catch event', async () => {
    const xml = processXml(
      `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'split')}<bpmn:parallelGateway id="split"/>${flow('f2', 'split', 'a')}${flow('f3', 'split', 'b')}` +
        `${linkThrow('a', 'L')}${linkThrow('b', 'L')}${linkCatch('c', 'L')}${flow('f4', 'c', 'end')}<bpmn:endEvent id="end"/>`,
    );
    const result = await compileBpmn(xml);
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.nodes.c!.incoming).toEqual(['link:a', 'link:b']);
  });

  it('refuses a throw event with no catch event of its name, naming the throw event and the link', async () => {
    expect(await errorsOf(retryLoop('ulang', 'lain'))).toEqual([
      {
        elementId: 'ke',
        message:
          'Link intermediate throw event "Ke ulang" links to "ulang", but there is no link catch event named "ulang" at process level; add one, or name an existing link catch event',
      },
      {
        elementId: 'dari',
        message:
          'Link intermediate catch event "Dari lain" catches the link "lain", but no link throw event at process level has that name, so it can never be reached',
      },
    ]);
  });

  it('refuses a link into another scope, naming both events and both scopes', async () => {
    const xml = processXml(
      `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'ke')}${linkThrow('ke', 'L')}` +
        `<bpmn:subProcess id="sub" name="Survei"><bpmn:startEvent id="s0"/>${flow('g1', 's0', 'dari')}${linkCatch('dari', 'L')}${flow('g2', 'dari', 's1')}<bpmn:endEvent id="s1"/></bpmn:subProcess>` +
        `${flow('f2', 'sub', 'end')}<bpmn:endEvent id="end"/>`,
    );
    const errors = await errorsOf(xml);
    expect(errors).toContainEqual({
      elementId: 'ke',
      message:
        'Link intermediate throw event "Ke L" at process level links to "L", but the link catch event with that name, link intermediate catch event "Dari L", is inside sub-process "Survei"; link events connect only within one scope (the process or one sub-process)',
    });
  });

  it('refuses two catch events of one name in a scope, a nameless link, and flows where links go', async () => {
    const xml = processXml(
      `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'ke')}${linkThrow('ke', 'L')}${flow('f2', 'ke', 'end')}${linkCatch('c1', 'L')}${linkCatch('c2', 'L')}${flow('f3', 'c1', 'end')}${flow('f4', 'c2', 'end')}` +
        `<bpmn:intermediateThrowEvent id="anon"><bpmn:linkEventDefinition/></bpmn:intermediateThrowEvent><bpmn:endEvent id="end"/>`,
    );
    const errors = await errorsOf(xml);
    expect(errors).toEqual(
      expect.arrayContaining([
        { elementId: 'anon', message: expect.stringMatching(/has no link name/) },
        {
          elementId: 'c2',
          message:
            'Link intermediate catch event "Dari L" and link intermediate catch event "Dari L" both catch the link "L" at process level; a link name leads to one catch event, so rename one of them',
        },
        { elementId: 'ke', message: expect.stringMatching(/^Link intermediate throw event "Ke L" must not have outgoing sequence flows/) },
      ]),
    );
  });

  it('works inside a sub-process', async () => {
    const xml = processXml(
      `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'sub')}<bpmn:subProcess id="sub"><bpmn:startEvent id="s0"/>${flow('g1', 's0', 'ke')}${linkThrow('ke', 'L')}${linkCatch('dari', 'L')}${flow('g2', 'dari', 's1')}<bpmn:endEvent id="s1"/></bpmn:subProcess>` +
        `${flow('f2', 'sub', 'end')}<bpmn:endEvent id="end"/>`,
    );
    const result = await compileBpmn(xml);
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.ir.flows['link:ke']).toEqual({ id: 'link:ke', source: 'ke', target: 'dari' });
  });
});
