import { describe, expect, it } from 'vitest';
import { unavailableDependency } from '../../src/unavailable';

const withCode = (message: string, code: string | number, cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

describe('unavailableDependency', () => {
  it('names the database for refused sockets, PostgreSQL shutdown states and Prisma connection errors', () => {
    expect(unavailableDependency(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('database');
    expect(unavailableDependency(new Error('query failed', { cause: withCode('terminating connection due to administrator command', '57P01') }))).toBe(
      'database',
    );
    expect(unavailableDependency(withCode("Can't reach database server", 'P1001'))).toBe('database');
    expect(unavailableDependency(Object.assign(new Error('init'), { name: 'PrismaClientInitializationError' }))).toBe('database');
  });

  it("names the database for the driver adapter's errors: a PostgreSQL still starting (57P03 as originalCode), a closed connection, an exhausted pool", () => {
    const adapterError = (cause: object) =>
      Object.assign(new Error('the database system is not yet accepting connections', { cause }), { name: 'DriverAdapterError' });
    expect(
      unavailableDependency(adapterError({ kind: 'postgres', originalCode: '57P03', originalMessage: 'the database system is not yet accepting connections' })),
    ).toBe('database');
    expect(unavailableDependency(adapterError({ kind: 'ConnectionClosed' }))).toBe('database');
    expect(unavailableDependency(new Error('timeout exceeded when trying to connect'))).toBe('database');
    expect(unavailableDependency(adapterError({ kind: 'UniqueConstraintViolation' }))).toBeUndefined();
  });

  it('names Temporal for gRPC UNAVAILABLE and the client service errors', () => {
    expect(unavailableDependency(Object.assign(new Error('14 UNAVAILABLE: Connection refused'), { name: 'ServiceError' }))).toBe('temporal');
    expect(unavailableDependency(new Error('start failed', { cause: withCode('14 UNAVAILABLE', 14) }))).toBe('temporal');
  });

  it('leaves every other failure a 500', () => {
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    expect(unavailableDependency(withCode('Unique constraint failed', 'P2002'))).toBeUndefined();
    expect(unavailableDependency(undefined)).toBeUndefined();
  });
});
