import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter, guard } from '../src/router';
import { session } from '../src/session';

// router.resolve matches without loading the (lazy) page components.
const router = createAppRouter(createMemoryHistory());
const check = (path: string) => guard(router.resolve(path));

describe('routes and their guard', () => {
  beforeEach(() => session.clear());

  it('lets anyone see the citizen pages', () => {
    expect(router.resolve('/lacak/ABCD-EFGH-JKLM')).toMatchObject({ name: 'track', params: { code: 'ABCD-EFGH-JKLM' } });
    expect(check('/lacak/ABCD-EFGH-JKLM')).toBe(true);
    expect(check('/layanan/izin')).toBe(true);
    expect(check('/')).toBe(true);
  });

  it('sends anonymous staff pages to the login, remembering where to go next', async () => {
    expect(check('/staf/kasus/abc')).toEqual({ name: 'login', query: { next: '/staf/kasus/abc' } });
    await router.push('/staf/tugas');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.next).toBe('/staf/tugas');
  });

  it('opens the designer only for designers and admins, and keeps the session in sessionStorage', () => {
    session.set('tok', { id: '1', username: 'petugas', roles: ['petugas'] });
    expect(check('/staf/perancang')).toEqual({ name: 'home' });
    expect(check('/staf/tugas')).toBe(true);
    session.set('tok', { id: '2', username: 'perancang', roles: ['designer'] });
    expect(check('/staf/perancang')).toBe(true);
    expect(JSON.parse(sessionStorage.getItem('alur.session')!).user.username).toBe('perancang');
    session.clear();
    expect(sessionStorage.getItem('alur.session')).toBeNull();
  });
});
