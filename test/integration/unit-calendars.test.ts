// Business calendars per unit: leave days an admin enters for a parent unit
// reach the unit below it, the child's own working hours replace the
// parent's, and a case handled by the child unit gets its due dates from that
// calendar (cases without a unit: the default calendar).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR, addWorkingTime, formatLocalDate, parseLocalDate, type BusinessCalendar } from '@alur/workflows/calendar';
import { nationalHolidayEntries } from '@alur/workflows/calendar/national-holidays';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="izin-unit" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Proses"/>
    <bpmn:userTask id="Proses" name="Proses" alur:sla="2 hari kerja">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Proses" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

const CHILD_HOURS = {
  1: [{ start: '08:00', end: '14:00' }],
  2: [{ start: '08:00', end: '14:00' }],
  3: [{ start: '08:00', end: '14:00' }],
  4: [{ start: '08:00', end: '14:00' }],
  5: [{ start: '08:00', end: '11:00' }],
};

let alur: TestAlur;
let admin: string;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  expect((await alur.call('POST', '/api/units', { token: admin, json: { code: 'dinas-perizinan', name: 'Dinas Perizinan', kind: 'opd' } })).status).toBe(201);
  expect(
    (await alur.call('POST', '/api/units', { token: admin, json: { code: 'upt-timur', name: 'UPT Timur', kind: 'upt', parent: 'dinas-perizinan' } })).status,
  ).toBe(201);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
});
afterAll(() => alur?.close());

it('inherits leave days from the parent unit, takes its own hours, and times cases by that calendar', async () => {
  // The next ten days of this year (and next) are leave days of the parent unit: cuti bersama.
  const today = parseLocalDate(new Date().toISOString().slice(0, 10))!;
  const leave = Array.from({ length: 10 }, (_, i) => formatLocalDate(today + 1 + i));
  for (const year of new Set(leave.map((d) => Number(d.slice(0, 4))))) {
    const days = leave.filter((d) => d.startsWith(`${year}-`)).map((date) => ({ date, name: 'Cuti bersama', kind: 'cuti-bersama' }));
    const res = await alur.call('PUT', `/api/calendars/dinas-perizinan/leave-days/${year}`, { token: admin, json: { days } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const badDay = await alur.call('PUT', '/api/calendars/dinas-perizinan/leave-days/2026', {
    token: admin,
    json: { days: [{ date: '2027-01-02', name: 'x', kind: 'local' }] },
  });
  expect(badDay.status).toBe(422);
  expect(badDay.body.errors[0].field).toBe('body.days.0.date');
  const badHours = await alur.call('PUT', '/api/calendars/upt-timur', { token: admin, json: { weeklyHours: { 1: [{ start: '14:00', end: '08:00' }] } } });
  expect(badHours.status).toBe(422);
  expect(badHours.body.message).toMatch(/weeklyHours\[1\]\[0\]/);
  expect((await alur.call('PUT', '/api/calendars/tidak-ada', { token: admin, json: {} })).status).toBe(404);
  expect((await alur.call('PUT', '/api/calendars/upt-timur', { token: admin, json: { weeklyHours: CHILD_HOURS } })).status).toBe(200);

  const resolved = (await alur.call('GET', '/api/calendars/upt-timur', { token: admin })).body as BusinessCalendar;
  expect(resolved.timeZone).toBe('Asia/Jakarta'); // from the default
  expect(resolved.weeklyHours).toEqual(CHILD_HOURS); // its own
  expect(resolved.holidays.filter((h) => h.kind === 'cuti-bersama').map((h) => h.date)).toEqual(leave); // the parent's
  expect(resolved.holidays.some((h) => h.kind === 'national')).toBe(true);
  const parent = (await alur.call('GET', '/api/calendars/dinas-perizinan', { token: admin })).body as BusinessCalendar;
  expect(parent.weeklyHours).toEqual(DEFAULT_BUSINESS_CALENDAR.weeklyHours);
  const fallback = (await alur.call('GET', '/api/calendars/default', { token: admin })).body as BusinessCalendar;
  expect(fallback.holidays.some((h) => h.kind === 'cuti-bersama')).toBe(false);

  const inUnit = (await alur.call('POST', '/api/sops/izin-unit/instances', { token: admin, json: { unit: 'upt-timur' } })).body.id as string;
  const noUnit = (await alur.call('POST', '/api/sops/izin-unit/instances', { token: admin, json: {} })).body.id as string;
  const stepOf = (caseId: string) => alur.prisma.step.findFirstOrThrow({ where: { caseId, elementId: 'Proses' } });
  const [unitStep, defaultStep] = [await stepOf(inUnit), await stepOf(noUnit)];

  const years = [new Date().getUTCFullYear(), new Date().getUTCFullYear() + 1, new Date().getUTCFullYear() + 2];
  const national = nationalHolidayEntries(years);
  const unitCalendar: BusinessCalendar = {
    timeZone: 'Asia/Jakarta',
    weeklyHours: CHILD_HOURS,
    holidays: [...national, ...leave.map((date) => ({ date, name: 'Cuti bersama', kind: 'cuti-bersama' as const }))],
  };
  const sla = { kind: 'working-days' as const, amount: 2 };
  expect(unitStep.dueAt!.getTime()).toBe(addWorkingTime(unitCalendar, unitStep.startedAt.getTime(), sla));
  expect(defaultStep.dueAt!.getTime()).toBe(addWorkingTime({ ...DEFAULT_BUSINESS_CALENDAR, holidays: national }, defaultStep.startedAt.getTime(), sla));
  // Ten days of leave push the unit's case past them.
  expect(unitStep.dueAt!.toISOString().slice(0, 10) > leave.at(-1)!).toBe(true);
  expect(unitStep.dueAt!.getTime()).toBeGreaterThan(defaultStep.dueAt!.getTime());

  for (const id of [inUnit, noUnit]) await alur.call('POST', `/api/instances/${id}/cancel`, { token: admin, json: { reason: 'Uji selesai' } });
});
