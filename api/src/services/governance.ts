// What a case needs to time itself is resolved by the case core when the case
// starts (cases/src/governance.ts); the calendars admin pages show the same
// resolved calendar.
export { DEFAULT_SCOPE, resolveCalendar } from '@alur/cases';
