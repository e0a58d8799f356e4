// Accounts (issue 14 items 7, 10, 11): the first admin's password (generated
// and shown once when ALUR_ADMIN_PASSWORD is unset; an existing admin keeps its
// own; `npm run admin:reset-password`), password change and admin reset, the
// password policy, disabled accounts, server-side logout, idle and absolute
// session expiry, and a login that takes as long for an unknown username as
// for a wrong password.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@alur/api';
import { apiConfigFromEnv } from '../../api/src/config';
import { createPrisma } from '@alur/db';
import { ADMIN_PASSWORD, createDatabaseFromTemplate, eventually, startAlur, type TestAlur } from '../support/alur';

const root = fileURLToPath(new URL('../..', import.meta.url));
let alur: TestAlur;
let admin: string;

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  admin = await alur.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await alur?.close();
});

const createUser = (username: string, password: string, roles = ['petugas']) =>
  alur.call('POST', '/api/users', { token: admin, json: { username, password, roles } });
const login = (username: string, password: string) => alur.call('POST', '/api/auth/login', { json: { username, password } });
/** Any call that needs a valid session. */
const whoCanRead = async (token: string) => (await alur.call('GET', '/api/tasks', { token })).status;

describe('password policy', () => {
  it.each([
    ['password', 'a common password, too short as well'],
    ['admin123', 'a common password'],
    ['password123', 'a common password of 11 characters'],
    ['qwertyuiop', 'a keyboard run in the list'],
    ['Rahasia2024!', 'a common word with digits and a symbol after it'],
    ['aaaaaaaaaaaa', 'one character repeated'],
    ['pendek9', 'shorter than 10 characters'],
    ['kebijakan-sandi', 'the username itself'],
  ])('refuses %s (%s) with 422 naming the field', async (password) => {
    const res = await createUser('kebijakan-sandi', password);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'body.password', message: expect.any(String) }]);
    expect(res.body.message).toMatch(/^body\.password /);
  });

  it('accepts a long uncommon password', async () => {
    expect((await createUser('kebijakan-sandi', 'kuda-laut-berenang-7')).status).toBe(201);
    expect((await login('kebijakan-sandi', 'kuda-laut-berenang-7')).status).toBe(200);
  });
});

describe("changing one's own password", () => {
  it('needs the current password, applies the policy, keeps this session and ends the others', async () => {
    expect((await createUser('budi', 'budi-sandi-lama-1')).status).toBe(201);
    const here = await alur.login('budi', 'budi-sandi-lama-1');
    const elsewhere = await alur.login('budi', 'budi-sandi-lama-1');

    const wrong = await alur.call('POST', '/api/auth/password', {
      token: here,
      json: { currentPassword: 'tebakan-salah-1', newPassword: 'budi-sandi-baru-2' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.errors).toEqual([{ field: 'body.currentPassword', message: 'is wrong' }]);

    const weak = await alur.call('POST', '/api/auth/password', { token: here, json: { currentPassword: 'budi-sandi-lama-1', newPassword: 'password' } });
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([{ field: 'body.newPassword', message: expect.stringMatching(/at least 10 characters|too common/) }]);
    const common = await alur.call('POST', '/api/auth/password', { token: here, json: { currentPassword: 'budi-sandi-lama-1', newPassword: 'iloveyou12345' } });
    expect(common.status).toBe(422);
    expect(common.body.errors[0].field).toBe('body.newPassword');

    expect(
      (await alur.call('POST', '/api/auth/password', { token: here, json: { currentPassword: 'budi-sandi-lama-1', newPassword: 'budi-sandi-baru-2' } })).status,
    ).toBe(204);
    expect(await whoCanRead(here)).toBe(200);
    expect(await whoCanRead(elsewhere)).toBe(401);
    expect((await login('budi', 'budi-sandi-lama-1')).status).toBe(401);
    expect((await login('budi', 'budi-sandi-baru-2')).status).toBe(200);

    // The audit trail records the change without either password.
    const entries = await eventually(
      async () => {
        const rows = await alur.prisma.auditEntry.findMany({ where: { actor: 'budi' } });
        return rows.length >= 3 ? rows : undefined;
      },
      5000,
      'audit entries of budi',
    );
    const text = JSON.stringify(entries);
    expect(text).not.toContain('budi-sandi-lama-1');
    expect(text).not.toContain('budi-sandi-baru-2');
  });

  it('is open to auditors too (their own password)', async () => {
    expect((await createUser('auditor-sandi', 'auditor-sandi-lama', ['auditor'])).status).toBe(201);
    const token = await alur.login('auditor-sandi', 'auditor-sandi-lama');
    expect(
      (await alur.call('POST', '/api/auth/password', { token, json: { currentPassword: 'auditor-sandi-lama', newPassword: 'auditor-sandi-baru' } })).status,
    ).toBe(204);
    expect((await login('auditor-sandi', 'auditor-sandi-baru')).status).toBe(200);
  });
});

describe('admin reset of a password', () => {
  it('sets a new password that passes the policy and ends every session of that user', async () => {
    expect((await createUser('citra', 'citra-sandi-lama')).status).toBe(201);
    const token = await alur.login('citra', 'citra-sandi-lama');
    const weak = await alur.call('POST', '/api/users/citra/password', { token: admin, json: { password: 'admin123' } });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].field).toBe('body.password');
    expect((await alur.call('POST', '/api/users/tidak-ada/password', { token: admin, json: { password: 'sandi-baru-yang-kuat' } })).status).toBe(404);
    expect((await alur.call('POST', '/api/users/citra/password', { token, json: { password: 'sandi-baru-yang-kuat' } })).status).toBe(403);

    expect((await alur.call('POST', '/api/users/citra/password', { token: admin, json: { password: 'sandi-baru-yang-kuat' } })).status).toBe(204);
    expect(await whoCanRead(token)).toBe(401);
    expect((await login('citra', 'citra-sandi-lama')).status).toBe(401);
    expect((await login('citra', 'sandi-baru-yang-kuat')).status).toBe(200);
  });
});

describe('disabled accounts', () => {
  it('cannot log in and lose their sessions at once; enabled again, they log in', async () => {
    expect((await createUser('dewi', 'dewi-sandi-kuat')).status).toBe(201);
    const token = await alur.login('dewi', 'dewi-sandi-kuat');
    expect(await whoCanRead(token)).toBe(200);

    expect(await alur.mustCall('POST', '/api/users/dewi/disable', { token: admin })).toEqual({ username: 'dewi', disabled: true });
    expect(await whoCanRead(token)).toBe(401);
    expect(await alur.prisma.session.count({ where: { user: { username: 'dewi' } } })).toBe(0);
    const refused = await login('dewi', 'dewi-sandi-kuat');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/disabled/);
    // A wrong password does not tell that the account is disabled.
    expect((await login('dewi', 'bukan-sandinya')).body.message).toBe('Wrong username or password');
    const users = await alur.mustCall('GET', '/api/users?limit=100', { token: admin });
    expect(users.find((u: { username: string }) => u.username === 'dewi')).toMatchObject({ disabled: true });

    expect(await alur.mustCall('POST', '/api/users/dewi/enable', { token: admin })).toEqual({ username: 'dewi', disabled: false });
    expect((await login('dewi', 'dewi-sandi-kuat')).status).toBe(200);
  });

  it('an admin cannot disable their own account; an unknown user is 404', async () => {
    expect((await alur.call('POST', '/api/users/admin/disable', { token: admin })).status).toBe(409);
    expect((await alur.call('POST', '/api/users/tidak-ada/disable', { token: admin })).status).toBe(404);
    expect(await whoCanRead(admin)).toBe(200);
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the same token is refused afterwards', async () => {
    expect((await createUser('eko', 'eko-sandi-kuat-1')).status).toBe(201);
    const token = await alur.login('eko', 'eko-sandi-kuat-1');
    const other = await alur.login('eko', 'eko-sandi-kuat-1');
    expect((await alur.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect(await whoCanRead(token)).toBe(401);
    expect((await alur.call('POST', '/api/auth/logout', { token })).status).toBe(401);
    expect(await whoCanRead(other)).toBe(200); // only that session
    expect((await alur.call('POST', '/api/auth/logout', {})).status).toBe(401);
  });

  it('end after ALUR_SESSION_IDLE_MINUTES without a request (60 by default), and 12 h after login in any case', async () => {
    expect((await createUser('fajar', 'fajar-sandi-kuat')).status).toBe(201);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const lastSession = () => alur.prisma.session.findFirstOrThrow({ where: { user: { username: 'fajar' } }, orderBy: { createdAt: 'desc' } });

    // Used 50 minutes ago: still valid, and this request counts as activity.
    const active = await alur.login('fajar', 'fajar-sandi-kuat');
    const activeRow = await lastSession();
    await alur.prisma.session.update({ where: { id: activeRow.id }, data: { lastSeenAt: ago(50) } });
    expect(await whoCanRead(active)).toBe(200);
    expect((await alur.prisma.session.findUniqueOrThrow({ where: { id: activeRow.id } })).lastSeenAt.getTime()).toBeGreaterThan(ago(1).getTime());

    // Idle 61 minutes: refused, and the session row is gone.
    const idle = await alur.login('fajar', 'fajar-sandi-kuat');
    const idleRow = await lastSession();
    await alur.prisma.session.update({ where: { id: idleRow.id }, data: { lastSeenAt: ago(61) } });
    expect(await whoCanRead(idle)).toBe(401);
    expect(await alur.prisma.session.findUnique({ where: { id: idleRow.id } })).toBeNull();

    // Busy but past its 12 h: refused.
    const old = await alur.login('fajar', 'fajar-sandi-kuat');
    const oldRow = await lastSession();
    // createdAt and expiresAt are taken a few milliseconds apart.
    expect(Math.abs(oldRow.expiresAt.getTime() - oldRow.createdAt.getTime() - 12 * 3600_000)).toBeLessThan(1_000);
    await alur.prisma.session.update({ where: { id: oldRow.id }, data: { expiresAt: ago(1) } });
    expect(await whoCanRead(old)).toBe(401);

    // A shorter idle time from the setting.
    const strict = await buildApp({
      prisma: alur.prisma,
      temporal: alur.temporal,
      taskQueue: alur.taskQueue,
      adminPassword: ADMIN_PASSWORD,
      sessionIdleMinutes: 5,
    });
    try {
      const token = (await strict.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fajar', password: 'fajar-sandi-kuat' } })).json()
        .token as string;
      const row = await lastSession();
      await alur.prisma.session.update({ where: { id: row.id }, data: { lastSeenAt: ago(6) } });
      expect((await strict.inject({ method: 'GET', url: '/api/tasks', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
    expect(apiConfigFromEnv({ DATABASE_URL: 'postgresql://x' }).sessionIdleMinutes).toBe(60);
    expect(apiConfigFromEnv({ DATABASE_URL: 'postgresql://x', ALUR_SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15);
    expect(() => apiConfigFromEnv({ DATABASE_URL: 'postgresql://x', ALUR_SESSION_IDLE_MINUTES: '0' })).toThrow(/ALUR_SESSION_IDLE_MINUTES/);
  });
});

describe('login timing', () => {
  it('takes as long for an unknown username as for a wrong password', async () => {
    // Limits out of the way: this measures, it does not guess.
    const app = await buildApp({
      prisma: alur.prisma,
      temporal: alur.temporal,
      taskQueue: alur.taskQueue,
      adminPassword: ADMIN_PASSWORD,
      rateLimits: { loginPerMinute: 1000, trackPerMinute: 60, refusedPerMinute: 1000 },
    });
    try {
      expect((await createUser('gita', 'gita-sandi-kuat-1')).status).toBe(201);
      const time = async (username: string) => {
        const started = process.hrtime.bigint();
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bukan-sandi-siapa-pun' } });
        expect(res.statusCode).toBe(401);
        expect(res.json().message).toBe('Wrong username or password');
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      await time('gita'); // warm-up
      await time('tidak-pernah-ada');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 10; i++) {
        known.push(await time('gita'));
        unknown.push(await time(`tidak-ada-${i}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      expect(median(unknown)).toBeGreaterThanOrEqual(0.5 * median(known));
      expect(median(unknown)).toBeLessThanOrEqual(2 * median(known));
    } finally {
      await app.close();
    }
  });
});

describe('the first admin', () => {
  it('without ALUR_ADMIN_PASSWORD gets a generated password, shown once; an existing admin keeps its password', async () => {
    const databaseUrl = await createDatabaseFromTemplate();
    const prisma = createPrisma(databaseUrl);
    const shown: string[] = [];
    const start = (adminPassword?: string) =>
      buildApp({ prisma, temporal: alur.temporal, taskQueue: alur.taskQueue, adminPassword, showAdminPassword: (p) => shown.push(p) });
    try {
      expect(apiConfigFromEnv({ DATABASE_URL: databaseUrl }).adminPassword).toBeUndefined();
      const first = await start();
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatch(/^[\w-]{20}$/);
      const tryLogin = async (password: string) =>
        (await first.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password } })).statusCode;
      expect(await tryLogin('admin')).toBe(401);
      expect(await tryLogin(shown[0]!)).toBe(200);
      // Nothing of it in the audit trail.
      expect(JSON.stringify(await prisma.auditEntry.findMany())).not.toContain(shown[0]!);
      await first.close();

      // A second start (with or without ALUR_ADMIN_PASSWORD) changes nothing and shows nothing.
      const second = await start('een-ander-sterk-wachtwoord');
      expect(shown).toHaveLength(1);
      expect(
        (await second.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'een-ander-sterk-wachtwoord' } })).statusCode,
      ).toBe(401);
      expect((await second.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: shown[0]! } })).statusCode).toBe(200);
      await second.close();
    } finally {
      await prisma.$disconnect();
    }
  });

  it('refuses to create the admin with a weak ALUR_ADMIN_PASSWORD', async () => {
    const prisma = createPrisma(await createDatabaseFromTemplate());
    try {
      await expect(buildApp({ prisma, temporal: alur.temporal, taskQueue: alur.taskQueue, adminPassword: 'admin' })).rejects.toThrow(
        /^ALUR_ADMIN_PASSWORD must be at least 10 characters/,
      );
      await expect(buildApp({ prisma, temporal: alur.temporal, taskQueue: alur.taskQueue, adminPassword: 'admin12345' })).rejects.toThrow(
        /^ALUR_ADMIN_PASSWORD is too common/,
      );
      expect(await prisma.user.count()).toBe(0);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('npm run admin:reset-password gives a new password, ends the sessions and enables the account', async () => {
    expect((await createUser('hana', 'hana-sandi-kuat-1')).status).toBe(201);
    const hana = await alur.login('hana', 'hana-sandi-kuat-1');
    await alur.mustCall('POST', '/api/users/hana/disable', { token: admin });
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          'npm',
          ['run', '--silent', 'admin:reset-password', '--', ...args],
          { cwd: root, env: { ...process.env, DATABASE_URL: alur.databaseUrl } },
          (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });

    const forAdmin = await run();
    expect(forAdmin.code).toBe(0);
    const adminPassword = /^\s+(\S{20})$/m.exec(forAdmin.stdout)?.[1];
    expect(adminPassword, forAdmin.stdout + forAdmin.stderr).toBeDefined();
    expect(await whoCanRead(admin)).toBe(401);
    expect((await login('admin', ADMIN_PASSWORD)).status).toBe(401);
    admin = await alur.login('admin', adminPassword!);

    const forHana = await run('hana');
    expect(forHana.code).toBe(0);
    expect(forHana.stdout).toMatch(/enabled again/);
    const hanaPassword = /^\s+(\S{20})$/m.exec(forHana.stdout)![1]!;
    expect(await whoCanRead(hana)).toBe(401);
    expect((await login('hana', hanaPassword)).status).toBe(200);

    const nobody = await run('tidak-ada');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no user "tidak-ada"');
  }, 60_000);
});
