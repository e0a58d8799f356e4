// Moved to resources/auth/service.ts; kept for the case-core files that import it until they move.
export * from '../resources/auth/service';
