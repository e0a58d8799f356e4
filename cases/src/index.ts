export { REFUSALS, CaseRefusal, codeOfWorkflowType, isRefusalCode, type RefusalCode } from './refusals';
export { caseHasEnded } from './case-ended';
export { CASE_ENDED_MESSAGE, refusalOf, updateCase, type RefusalWording } from './updates';
