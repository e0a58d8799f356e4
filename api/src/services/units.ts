// Moved to resources/units/service.ts; kept for the case-core files that import it until they move.
export * from '../resources/units/service';
