// Output mappings on events at the interpreter (issue 15): a start, none
// throw, timer catch, boundary and end event each set case variables from
// their outputs when they complete; a message catch event maps the message's
// variables (only its outputs reach the case). A mapping that fails is an
// incident at the event.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InterpreterHarness } from './support/harness';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">${body}</bpmn:definitions>`;
const out = (pairs: [string, string][]) =>
  `<bpmn:extensionElements><zeebe:ioMapping>${pairs.map(([s, t]) => `<zeebe:output source="${s}" target="${t}" />`).join('')}</zeebe:ioMapping></bpmn:extensionElements>`;

const PETA = definitions(`
<bpmn:message id="M" name="hasil-survei"><bpmn:extensionElements><zeebe:subscription correlationKey="=nomor" /></bpmn:extensionElements></bpmn:message>
<bpmn:process id="peta-peristiwa" isExecutable="true">
  <bpmn:startEvent id="S">${out([
    ['=0', 'putaran'],
    ['=&quot;baru&quot;', 'status'],
  ])}</bpmn:startEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Terima" />
  <bpmn:intermediateThrowEvent id="Terima" name="Berkas diterima">${out([
    ['=&quot;diterima&quot;', 'status'],
    ['=status', 'sebelumnya'],
  ])}</bpmn:intermediateThrowEvent>
  <bpmn:sequenceFlow id="f2" sourceRef="Terima" targetRef="Tunggu" />
  <bpmn:intermediateCatchEvent id="Tunggu">${out([['=putaran + 1', 'putaran']])}<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="f3" sourceRef="Tunggu" targetRef="Survei" />
  <bpmn:intermediateCatchEvent id="Survei">${out([['=count(for i in 1..skor return i) * 10', 'nilai']])}<bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="f4" sourceRef="Survei" targetRef="Periksa" />
  <bpmn:userTask id="Periksa"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements></bpmn:userTask>
  <bpmn:boundaryEvent id="Lewat" attachedToRef="Periksa">${out([['=&quot;terlambat&quot;', 'status']])}<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
  <bpmn:sequenceFlow id="f5" sourceRef="Periksa" targetRef="Selesai" />
  <bpmn:sequenceFlow id="f6" sourceRef="Lewat" targetRef="Tutup" />
  <bpmn:endEvent id="Selesai">${out([['=&quot;selesai&quot;', 'status']])}</bpmn:endEvent>
  <bpmn:endEvent id="Tutup">${out([['=status + &quot; (ditutup)&quot;', 'hasil']])}</bpmn:endEvent>
</bpmn:process>`);

/**
 * Periksa gets an SLA of its own: without one its SLA is the boundary timer's P1D, both timers fire in the same
 * instant, and Temporal's time-skipping test server then sometimes refuses the activation that cancels the other
 * one (seen here under load, as in 9c88cb2); the dev server takes it.
 */
const OWN_SLA = { Periksa: 'P7D' };

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(PETA);
});
afterAll(() => h?.close());

it('start, throw, timer catch, message catch and end events set variables from their outputs', async () => {
  const c = await h.start('peta-peristiwa', { variables: { nomor: 'A-1' }, slaOverrides: OWN_SLA });
  expect(await c.variables()).toMatchObject({ putaran: 0, status: 'diterima', sebelumnya: 'diterima' });
  await h.skip(60 * 60 * 1000);
  await c.until(() => (c.activeSteps.includes('Survei') ? true : undefined), 10_000, 'waiting for the message');
  expect(await c.variables()).toMatchObject({ putaran: 1 });
  await c.deliverMessage('hasil-survei', { correlationKey: 'A-1', variables: { skor: 7, catatan: 'tidak dipetakan' } });
  await c.complete('Periksa');

  const end = await c.ended();
  expect(end.status).toBe('completed');
  expect(end.variables).toMatchObject({ putaran: 1, nilai: 70, status: 'selesai' });
  // With outputs, only they reach the case (Camunda 8): the message's own variables stay out.
  expect(end.variables).not.toHaveProperty('catatan');
  expect(end.variables).not.toHaveProperty('skor');
  await c.recordHistory('event-io-mappings');
});

it('a timer boundary event maps its outputs when it fires, and the end event after it reads them', async () => {
  const c = await h.start('peta-peristiwa', { variables: { nomor: 'B-2' }, slaOverrides: OWN_SLA });
  await h.skip(60 * 60 * 1000);
  await c.until(() => (c.activeSteps.includes('Survei') ? true : undefined), 10_000, 'waiting for the message');
  await c.deliverMessage('hasil-survei', { correlationKey: 'B-2', variables: { skor: 1 } });
  await c.task('Periksa');
  await h.skip(24 * 60 * 60 * 1000);

  const end = await c.ended();
  expect(end.status).toBe('completed');
  expect(end.variables).toMatchObject({ status: 'terlambat', hasil: 'terlambat (ditutup)' });
  expect(c.outcomes.slice(-3)).toEqual(['Periksa:cancelled', 'Lewat:completed', 'Tutup:completed']);
});

it('an output mapping that fails stops the case at an incident at the event', async () => {
  const c = await h.start('peta-peristiwa', { variables: { nomor: 'C-3' }, slaOverrides: OWN_SLA });
  await h.skip(60 * 60 * 1000);
  await c.until(() => (c.activeSteps.includes('Survei') ? true : undefined), 10_000, 'waiting for the message');
  await c.deliverMessage('hasil-survei', { correlationKey: 'C-3', variables: { skor: 100_000_000 } });
  const incident = await c.incident();
  expect(incident.elementId).toBe('Survei');
  await c.cancel('uji selesai');
});
