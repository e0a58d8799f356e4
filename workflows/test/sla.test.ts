// SLAs declared in diagrams (alur:sla, alur:slaPaused, case SLA on the
// process) and the deadline arithmetic the interpreter's SLA clocks use.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR, instantAtShareOfSla, type BusinessCalendar } from '../src/calendar';
import { nationalHolidayEntries } from '../src/calendar/national-holidays';
import { compileBpmn, slaValueError } from '../src/compiler';
import type { SopIR } from '../src/ir';
import { CaseIncident } from '../src/interpreter/errors';
import { resolveDeadline } from '../src/interpreter/sla-clock';

const ALUR = 'xmlns:alur="https://alur.go.id/schema/bpmn/1.0"';
const doc = (processAttrs: string, content: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ${ALUR} id="D" targetNamespace="http://alur.test">` +
  `<bpmn:process id="p" isExecutable="true" ${processAttrs}><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>${content}` +
  `<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
const task = (attrs: string) =>
  `<bpmn:userTask id="t" name="Verifikasi" ${attrs}><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements></bpmn:userTask>`;

async function compiled(xml: string): Promise<SopIR> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ir;
}

async function errorsOf(xml: string) {
  const result = await compileBpmn(xml);
  if (result.ok) throw new Error('expected the diagram to be rejected');
  return result.errors;
}

describe('alur:sla in the compiler', () => {
  it('keeps a task SLA, slaPaused and the case SLA as written', async () => {
    const ir = await compiled(doc('alur:sla="14 hari kerja"', task('alur:sla="3 hari kerja" alur:slaPaused="true"')));
    expect(ir.sla).toBe('14 hari kerja');
    expect(ir.nodes.t).toMatchObject({ sla: '3 hari kerja', slaPaused: true });
    expect(ir.nodes.s).not.toHaveProperty('sla');
  });

  it('accepts ISO-8601 calendar time, working hours and FEEL', async () => {
    expect((await compiled(doc('', task('alur:sla="P3D"')))).nodes.t!.sla).toBe('P3D');
    expect((await compiled(doc('', task('alur:sla="2 jam kerja"')))).nodes.t!.sla).toBe('2 jam kerja');
    const feel = '=if kategori = &quot;berat&quot; then &quot;60 hari kerja&quot; else &quot;5 hari kerja&quot;';
    expect((await compiled(doc('', task(`alur:sla="${feel}"`)))).nodes.t!.sla).toBe('=if kategori = "berat" then "60 hari kerja" else "5 hari kerja"');
  });

  it('leaves diagrams without SLAs unchanged (same IR hash as before SLAs existed)', async () => {
    const ir = await compiled(doc('', task('')));
    expect(ir).not.toHaveProperty('sla');
    expect(ir.nodes.t).not.toHaveProperty('sla');
    expect(ir.nodes.t).not.toHaveProperty('slaPaused');
  });

  it('rejects a bad task SLA, naming the element', async () => {
    const errors = await errorsOf(doc('', task('alur:sla="3 hari kerj"')));
    expect(errors).toEqual([
      expect.objectContaining({
        elementId: 't',
        message: expect.stringMatching(/User task "Verifikasi" has an invalid SLA \(alur:sla\).*unknown unit "hari kerj"/),
      }),
    ]);
    const feel = await errorsOf(doc('', task('alur:sla="=if x then"')));
    expect(feel[0]).toMatchObject({ elementId: 't', message: expect.stringMatching(/not valid FEEL/) });
    const fraction = await errorsOf(doc('', task('alur:sla="1,5 hari kerja"')));
    expect(fraction[0]!.message).toMatch(/whole number/);
  });

  it('rejects a bad case SLA, naming the process', async () => {
    const errors = await errorsOf(doc('alur:sla="segera"', task('')));
    expect(errors).toEqual([expect.objectContaining({ elementId: 'p', message: expect.stringMatching(/invalid case SLA/) })]);
  });

  it('warns that an SLA on a task that never waits is ignored', async () => {
    const xml = doc('', '<bpmn:manualTask id="t" alur:sla="1 hari kerja"/>');
    const result = await compileBpmn(xml);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ir.nodes.t).not.toHaveProperty('sla');
    expect(result.warnings).toEqual([expect.objectContaining({ elementId: 't', message: expect.stringMatching(/SLA is ignored/) })]);
  });

  it('slaValueError checks override values the same way', () => {
    expect(slaValueError('5 hari kerja')).toBeUndefined();
    expect(slaValueError('P14D')).toBeUndefined();
    expect(slaValueError('=sla')).toBeUndefined();
    expect(slaValueError('lima hari')).toMatch(/not understood/);
    expect(slaValueError('P')).toBeDefined();
  });
});

describe('deadlines on the business calendar', () => {
  const jakarta: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, holidays: nationalHolidayEntries([2026, 2027]) };
  /** Thursday 24 December 2026, 10:00 WIB: Christmas (Friday) and a weekend follow. */
  const start = Date.parse('2026-12-24T10:00:00+07:00');

  it('3 hari kerja over Christmas and a weekend: due Wednesday 30 December at closing (16:00 WIB)', () => {
    const d = resolveDeadline(jakarta, { sla: '3 hari kerja' }, {}, start, 't');
    expect(new Date(d.dueMs).toISOString()).toBe('2026-12-30T09:00:00.000Z');
    expect(d.working).toBe(true);
    // 27.5 working hours in all (Thursday 5 h, then 7.5 h a day); 80% = 22 h: Wednesday 09:30 WIB.
    expect(new Date(instantAtShareOfSla(jakarta, start, d.dueMs, 0.8)).toISOString()).toBe('2026-12-30T02:30:00.000Z');
  });

  it('the same SLA without the holiday is due a day earlier', () => {
    const d = resolveDeadline({ ...DEFAULT_BUSINESS_CALENDAR, holidays: [] }, { sla: '3 hari kerja' }, {}, start, 't');
    expect(new Date(d.dueMs).toISOString()).toBe('2026-12-29T09:00:00.000Z');
  });

  it('P3D is calendar time: holidays and weekends count', () => {
    const d = resolveDeadline(jakarta, { sla: 'P3D' }, {}, start, 't');
    expect(new Date(d.dueMs).toISOString()).toBe('2026-12-27T03:00:00.000Z');
    expect(d.working).toBe(false);
  });

  it('a FEEL SLA depends on the case', () => {
    const sla = { sla: '=if kategori = "berat" then "60 hari kerja" else "2 hari kerja"' };
    const light = resolveDeadline(jakarta, sla, { kategori: 'ringan' }, start, 't');
    const heavy = resolveDeadline(jakarta, sla, { kategori: 'berat' }, start, 't');
    expect(light.text).toBe('2 hari kerja');
    expect(new Date(light.dueMs).toISOString()).toBe('2026-12-29T09:00:00.000Z');
    expect(heavy.dueMs).toBeGreaterThan(light.dueMs);
  });

  it('a due date (zeebe:taskSchedule dueDate, timer date) is taken as it is', () => {
    const d = resolveDeadline(jakarta, { date: '2026-12-28T12:00:00+07:00' }, {}, start, 't');
    expect(d.dueMs).toBe(Date.parse('2026-12-28T05:00:00Z'));
  });

  it('a FEEL SLA that gives no SLA is an incident on its element', () => {
    expect(() => resolveDeadline(jakarta, { sla: '=jumlah' }, { jumlah: 3 }, start, 'Verifikasi')).toThrow(CaseIncident);
    expect(() => resolveDeadline(jakarta, { sla: '=jumlah' }, { jumlah: 3 }, start, 'Verifikasi')).toThrow(/"Verifikasi".*gave 3/);
    expect(() => resolveDeadline(jakarta, { sla: '="tiga hari"' }, {}, start, 'Verifikasi')).toThrow(/SLA of "Verifikasi" is invalid/);
  });
});
