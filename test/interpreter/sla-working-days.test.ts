// A working-day SLA across a weekend and a national holiday, with time
// skipped: the case starts on Thursday 24 December 2026 at 10:00 WIB,
// Christmas (Friday) and the weekend do not count, so "3 hari kerja" is due
// Wednesday 30 December at closing, 16:00 WIB; the weeks in between pass in
// milliseconds. What the projection and the API make of it (step due dates,
// deviation rows, the inbox): test/integration/sla-time-skipping.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InterpreterHarness } from './support/harness';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="izin-sla" name="Izin (SLA 3 hari kerja)" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Proses"/>
    <bpmn:userTask id="Proses" name="Proses permohonan" alur:sla="3 hari kerja">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Proses" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(xml);
});
afterAll(() => h?.close());

it('breaches "3 hari kerja" at 16:00 WIB on the third working day after Christmas and the weekend; warns once at 80%', async () => {
  const thursday = Date.parse('2026-12-24T10:00:00+07:00');
  await h.skipTo(new Date(thursday));
  const c = await h.start('izin-sla');
  const started = c.eventsOfKind('sla.started').find((e) => e.elementId === 'Proses')!;
  expect(Date.parse(c.eventsOfKind('step.started').find((e) => e.elementId === 'Proses')!.at) - thursday).toBeLessThan(60_000);
  expect(started.dueAt).toBe('2026-12-30T09:00:00.000Z'); // Wednesday 16:00 WIB
  // 27.5 working hours in all; 80% = 22 h: Wednesday 09:30 WIB (the start's seconds shift it by a fifth of them).
  expect(started.atRiskAt.slice(0, 16)).toBe('2026-12-30T02:30');

  // Past the due date: Thursday 31 December.
  await h.skipTo('2026-12-31T03:00:00Z');
  const deviations = await c.until(
    () => {
      const d = c.eventsOfKind('deviation').filter((e) => e.deviation.startsWith('sla.'));
      return d.some((e) => e.deviation === 'sla.breached') ? d : undefined;
    },
    10_000,
    'the breach',
  );
  expect(deviations.map((d) => d.deviation)).toEqual(['sla.at_risk', 'sla.breached']);
  const [atRisk, breach] = deviations;
  expect(atRisk!.at.slice(0, 16)).toBe('2026-12-30T02:30');
  expect(breach!.at.slice(0, 16)).toBe('2026-12-30T09:00'); // the right minute
  expect(Date.parse(breach!.at)).toBeGreaterThanOrEqual(Date.parse(started.dueAt));
  expect(breach!.details).toMatchObject({ scope: 'step', sla: '3 hari kerja', dueAt: '2026-12-30T09:00:00.000Z' });

  // Nothing more fires while the case stays open; completing it late is allowed.
  await h.skip(2 * 86_400_000);
  await c.settle();
  expect(c.eventsOfKind('deviation').filter((e) => e.deviation === 'sla.at_risk' || e.deviation === 'sla.breached')).toHaveLength(2);
  await c.complete('Proses');
  expect((await c.ended()).status).toBe('completed');
});
