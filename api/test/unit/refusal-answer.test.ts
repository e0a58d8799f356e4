// The API edge: a refusal of the case core answers with its catalogue status,
// and every error body carries a stable code next to its message.
import { describe, expect, it } from 'vitest';
import { CaseRefusal } from '@alur/cases';
import { HttpError, refusalAnswer } from '../../src/services/http-error';

describe('refusalAnswer', () => {
  it('answers a case refusal with its catalogue status, code and details', () => {
    const r = new CaseRefusal('form.invalid', 'The form does not accept this', { errors: [{ field: 'variables.nik', message: 'nik is required' }] });
    expect(refusalAnswer(r)).toEqual({
      status: 422,
      body: { message: 'The form does not accept this', code: 'form.invalid', errors: [{ field: 'variables.nik', message: 'nik is required' }] },
    });
    expect(refusalAnswer(new CaseRefusal('task.claimed_by_other', 'claimed'))?.status).toBe(409);
  });

  it('gives an HttpError a code by its status unless it names one', () => {
    expect(refusalAnswer(new HttpError(404, 'No task with id "x"'))?.body).toEqual({ message: 'No task with id "x"', code: 'not_found' });
    expect(refusalAnswer(new HttpError(409, 'busy', undefined, 'case.already_running'))?.body.code).toBe('case.already_running');
  });

  it('leaves other errors to the error handler', () => {
    expect(refusalAnswer(new Error('boom'))).toBeUndefined();
  });
});
