// The refusal catalogue: every refusal of the workflow has a stable code and
// the status the API has always answered it with; a case that ended is
// recognised however Temporal says so.
import { describe, expect, it } from 'vitest';
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import * as workflows from '@alur/workflows';
import { CaseRefusal, caseHasEnded, codeOfWorkflowType, REFUSALS, refusalOf, updateCase } from '../src/index';

const refused = (type: string, message = 'refused', details?: unknown[]) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true, ...(details ? { details } : {}) }));

describe('the refusal catalogue', () => {
  it('answers each refusal with the status the API has always used', () => {
    const statusOf = (type: string) => REFUSALS[codeOfWorkflowType(type)!].status;
    expect(statusOf(workflows.TASK_NOT_OPEN)).toBe(409);
    expect(statusOf(workflows.CLAIMED_BY_OTHER)).toBe(409);
    expect(statusOf(workflows.NOT_CLAIMED)).toBe(409);
    expect(statusOf(workflows.NOT_CANDIDATE)).toBe(403);
    expect(statusOf(workflows.NOT_SUPERVISOR)).toBe(403);
    expect(statusOf(workflows.REASON_REQUIRED)).toBe(400);
    expect(statusOf(workflows.FORM_INVALID)).toBe(422);
    expect(statusOf(workflows.CASE_NOT_RUNNING)).toBe(409);
    expect(statusOf(workflows.STEP_NOT_ACTIVE)).toBe(409);
    expect(statusOf(workflows.INVALID_OVERRIDE)).toBe(400);
    expect(statusOf(workflows.NOT_ADMIN)).toBe(403);
    expect(REFUSALS['case.ended'].status).toBe(409);
  });

  it('knows every ApplicationFailure type the workflow refuses an Update with, each under its own code', () => {
    const updateRefusals = [
      'TASK_NOT_OPEN',
      'FORM_INVALID',
      'NOT_CANDIDATE',
      'CLAIMED_BY_OTHER',
      'NOT_SUPERVISOR',
      'NOT_CLAIMED',
      'REASON_REQUIRED',
      'CASE_NOT_RUNNING',
      'NO_MESSAGE_SUBSCRIPTION',
      'MESSAGE_NOT_CORRELATED',
      'NO_SIGNAL_SUBSCRIPTION',
      'STEP_NOT_ACTIVE',
      'INVALID_OVERRIDE',
      'NOT_ADMIN',
      'INCIDENT_NOT_OPEN',
      'INCIDENT_FLOW_REQUIRED',
    ] as const;
    const codes = updateRefusals.map((name) => codeOfWorkflowType((workflows as Record<string, unknown>)[name] as string));
    expect(codes.every((c) => c !== undefined)).toBe(true);
    expect(new Set(codes).size).toBe(updateRefusals.length);
    expect(codeOfWorkflowType('SomethingElse')).toBeUndefined();
  });

  it('names codes as <subject>.<reason> in lower case', () => {
    for (const code of Object.keys(REFUSALS)) expect(code).toMatch(/^[a-z]+\.[a-z_]+$/);
  });

  it("turns a workflow refusal into a CaseRefusal with its code and the workflow's message", () => {
    const r = refusalOf(refused(workflows.CLAIMED_BY_OTHER, 'Task "Verifikasi" is claimed by budi'));
    expect(r).toBeInstanceOf(CaseRefusal);
    expect(r).toMatchObject({ code: 'task.claimed_by_other', status: 409, message: 'Task "Verifikasi" is claimed by budi' });
  });

  it('carries the fields a form refusal names', () => {
    const r = refusalOf(refused(workflows.FORM_INVALID, 'The form does not accept this', [[{ field: 'nik', message: 'is required' }]]));
    expect(r?.code).toBe('form.invalid');
    expect(r?.details).toEqual({ errors: [{ field: 'variables.nik', message: 'nik is required' }] });
  });

  it('words a refusal as the caller asks', () => {
    const r = refusalOf(refused(workflows.TASK_NOT_OPEN), (code, message) => (code === 'task.not_open' ? 'Task "X" is no longer open' : message));
    expect(r?.message).toBe('Task "X" is no longer open');
  });

  it('recognises a case that ended, however Temporal says so', () => {
    const notFound = new WorkflowNotFoundError('workflow not found', 'case-1', undefined);
    const completed = new ServiceError('workflow execution already completed');
    expect(caseHasEnded(notFound)).toBe(true);
    expect(caseHasEnded(completed)).toBe(true);
    expect(caseHasEnded(new ServiceError('deadline exceeded'))).toBe(false);
    expect(refusalOf(completed)).toMatchObject({ code: 'case.ended', message: 'The case has already ended' });
  });

  it('leaves what is no refusal alone: an outage, an unknown failure type', async () => {
    const outage = new ServiceError('connection refused');
    expect(refusalOf(outage)).toBeUndefined();
    expect(refusalOf(refused('SomethingElse'))).toBeUndefined();
    await expect(updateCase(() => Promise.reject(outage))).rejects.toBe(outage);
    await expect(updateCase(() => Promise.reject(refused(workflows.NOT_ADMIN, 'admins only')))).rejects.toMatchObject({
      code: 'actor.not_admin',
      message: 'admins only',
    });
    await expect(updateCase(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
