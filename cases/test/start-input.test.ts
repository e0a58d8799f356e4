// A case's start input, assembled once for every start (API, citizen, message,
// signal, reopen): what the SOP version's bindings, the handling unit's
// calendar and the settings read at boot put into it, and what they leave out;
// the settings themselves; the idempotent case id; the variables' size limit.
// The database reads (versionBindings, resolveCalendar) run in the
// integration tests against PostgreSQL.
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '@alur/workflows/compiler';
import { DEFAULT_BUSINESS_CALENDAR } from '@alur/workflows/calendar';
import { normalizeTrackingCode, type SopIR } from '@alur/workflows';
import {
  assembleStartInput,
  assertVariablesFit,
  CaseRefusal,
  caseIdForKey,
  caseSettings,
  caseSettingsFromEnv,
  DEFAULT_GOVERNANCE_SETTINGS,
  DEFAULT_MAX_CASE_VARIABLES_BYTES,
  governanceSettingsFromEnv,
  startFormSchema,
  unitChoiceOf,
  type StartInputRequest,
} from '../src/index';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="izin" name="Izin" isExecutable="true">
    <bpmn:laneSet><bpmn:lane id="L" name="petugas"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="T"/>
    <bpmn:userTask id="T" name="Tanda tangan" alur:unit="dinkes"/>
    <bpmn:sequenceFlow id="f2" sourceRef="T" targetRef="e"/><bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;

async function irOf(text: string): Promise<SopIR> {
  const result = await compileBpmn(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.ir;
}

const calendar = DEFAULT_BUSINESS_CALENDAR;

describe('assembleStartInput', () => {
  it('carries the SOP version, variables, unit, fixed units, calendar, SLA overrides and settings', async () => {
    const ir = await irOf(xml);
    const req: StartInputRequest = { caseId: 'c-1', sop: { id: 'v-1', version: 3, ir }, variables: { nama: 'Ani' }, unitId: 'u-upt' };
    const input = assembleStartInput(req, { unitIds: { dinkes: 'u-dinkes' }, slaOverrides: { T: 'PT1H' } }, calendar, {
      atRiskShare: 0.7,
      idleAfter: '5 hari kerja',
    });
    expect(input).toEqual({
      caseId: 'c-1',
      trackingCode: expect.any(String),
      sopVersionId: 'v-1',
      sopVersion: 3,
      ir,
      variables: { nama: 'Ani' },
      unitId: 'u-upt',
      unitIds: { dinkes: 'u-dinkes' },
      governance: { calendar, unitId: 'u-upt', slaOverrides: { T: 'PT1H' }, atRiskShare: 0.7, idleAfter: '5 hari kerja' },
    });
    expect(normalizeTrackingCode(input.trackingCode)).toBe(input.trackingCode);
  });

  it('leaves out what the case does not have: no unit, no fixed units, no overrides, idle check off', async () => {
    const ir = await irOf(xml);
    const input = assembleStartInput({ caseId: 'c-2', sop: { id: 'v-1', version: 1, ir }, variables: {} }, { unitIds: {}, slaOverrides: {} }, calendar, {
      atRiskShare: 0.8,
    });
    expect(input).not.toHaveProperty('unitId');
    expect(input).not.toHaveProperty('unitIds');
    expect(input).not.toHaveProperty('startMessage');
    expect(input).not.toHaveProperty('reopen');
    expect(input.governance).toEqual({ calendar, atRiskShare: 0.8 });
  });

  it('gives each new case its own tracking code, and a reopened case keeps its own, with the reopen and start message as given', async () => {
    const ir = await irOf(xml);
    const sop = { id: 'v-1', version: 1, ir };
    const none = { unitIds: {}, slaOverrides: {} };
    const a = assembleStartInput({ caseId: 'a', sop, variables: {} }, none, calendar, DEFAULT_GOVERNANCE_SETTINGS);
    const b = assembleStartInput({ caseId: 'b', sop, variables: {} }, none, calendar, DEFAULT_GOVERNANCE_SETTINGS);
    expect(a.trackingCode).not.toBe(b.trackingCode);
    const reopen = { elementId: 'T', by: 'kasi', reason: 'Keberatan warga', afterSeq: 12 };
    const reopened = assembleStartInput(
      { caseId: 'a', trackingCode: a.trackingCode, sop, variables: { x: 1 }, reopen },
      none,
      calendar,
      DEFAULT_GOVERNANCE_SETTINGS,
    );
    expect(reopened).toMatchObject({ caseId: 'a', trackingCode: a.trackingCode, variables: { x: 1 }, reopen });
    const startMessage = { elementId: 's', name: 'permohonan', correlationKey: 'k-1', by: 'integrasi' };
    expect(assembleStartInput({ caseId: 'c', sop, variables: {}, startMessage }, none, calendar, DEFAULT_GOVERNANCE_SETTINGS).startMessage).toEqual(
      startMessage,
    );
  });
});

describe('settings, read once at boot', () => {
  it('parse the governance variables, with their defaults', () => {
    expect(governanceSettingsFromEnv({})).toEqual({ atRiskShare: 0.8, idleAfter: '10 hari kerja' });
    expect(governanceSettingsFromEnv({ ALUR_SLA_AT_RISK_SHARE: '0.5', ALUR_IDLE_AFTER: 'off' })).toEqual({ atRiskShare: 0.5 });
    expect(governanceSettingsFromEnv({ ALUR_IDLE_AFTER: ' PT2S ' })).toEqual({ atRiskShare: 0.8, idleAfter: 'PT2S' });
  });

  it('refuse a wrong value at boot, naming the variable', () => {
    expect(() => governanceSettingsFromEnv({ ALUR_SLA_AT_RISK_SHARE: '1.5' })).toThrow(/ALUR_SLA_AT_RISK_SHARE/);
    expect(() => governanceSettingsFromEnv({ ALUR_IDLE_AFTER: 'sepuluh hari' })).toThrow(/ALUR_IDLE_AFTER/);
  });

  it('are the same for the API and the worker: default unit, variables limit, governance', () => {
    expect(caseSettingsFromEnv({})).toEqual({ maxCaseVariablesBytes: DEFAULT_MAX_CASE_VARIABLES_BYTES, governance: DEFAULT_GOVERNANCE_SETTINGS });
    expect(caseSettingsFromEnv({ ALUR_DEFAULT_UNIT: ' upt-b ', ALUR_MAX_CASE_VARIABLES_BYTES: '1024', ALUR_IDLE_AFTER: 'off' })).toEqual({
      defaultUnit: 'upt-b',
      maxCaseVariablesBytes: 1024,
      governance: { atRiskShare: 0.8 },
    });
    expect(() => caseSettingsFromEnv({ ALUR_MAX_CASE_VARIABLES_BYTES: '0' })).toThrow(/ALUR_MAX_CASE_VARIABLES_BYTES/);
  });

  it('fill in the defaults of a case start', () => {
    expect(caseSettings({ taskQueue: 'q' })).toEqual({
      taskQueue: 'q',
      maxCaseVariablesBytes: DEFAULT_MAX_CASE_VARIABLES_BYTES,
      governance: DEFAULT_GOVERNANCE_SETTINGS,
    });
    expect(caseSettings({ taskQueue: 'q', defaultUnit: 'upt-b', maxCaseVariablesBytes: 10 })).toMatchObject({
      defaultUnit: 'upt-b',
      maxCaseVariablesBytes: 10,
    });
  });
});

describe('caseIdForKey', () => {
  it('names the same case for the same SOP and key, a UUID-shaped id, and another for another SOP or key', () => {
    const id = caseIdForKey('izin', 'ani\nk-1');
    expect(id).toBe(caseIdForKey('izin', 'ani\nk-1'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(caseIdForKey('izin-2', 'ani\nk-1')).not.toBe(id);
    expect(caseIdForKey('izin', 'ani\nk-2')).not.toBe(id);
  });
});

describe('assertVariablesFit', () => {
  it('refuses variables over the limit as variables.too_large, naming the largest', () => {
    expect(() => assertVariablesFit({ a: 'x' }, 100)).not.toThrow();
    const refusal = (() => {
      try {
        assertVariablesFit({ kecil: 'x', besar: 'y'.repeat(200) }, 100);
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(CaseRefusal);
    expect(refusal).toMatchObject({ code: 'variables.too_large', status: 413, details: { errors: [{ field: 'variables.besar' }] } });
  });

  it("counts the case's variables so far", () => {
    expect(() => assertVariablesFit({ a: 'x' }, 100, { lama: 'z'.repeat(100) })).toThrow(/its variables so far included/);
  });
});

describe('the unit choice', () => {
  it('is none without alur:unitField, and refused as unit.invalid when the start event has no form', async () => {
    const ir = await irOf(xml);
    expect(startFormSchema(ir)).toBeUndefined();
    expect(unitChoiceOf(ir)).toBeUndefined();
    expect(() => unitChoiceOf({ ...ir, unitField: 'upt' })).toThrow(expect.objectContaining({ code: 'unit.invalid' }));
  });
});
