// Routes. Citizen pages need no login; staff pages (under /staf) do, and some
// need a role. Paths are Indonesian, like the default language.
import { createRouter, createWebHistory, type RouteLocationNormalized, type RouterHistory } from 'vue-router';
import { session } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Logged-in users only; when a list, one of these roles too. */
    auth?: true | string[];
    /** i18n key of the page title. */
    title: string;
  }
}

export const DESIGNER_ROLES = ['admin', 'designer'];
export const SUPERVISOR_ROLES = ['admin', 'supervisor'];
export const AUDITOR_ROLES = ['admin', 'auditor'];
export const ADMIN_ROLES = ['admin'];
/** The complaint desk's page (issue 18); auditors read it. */
export const COMPLAINT_DESK_ROLES = ['admin', 'admin-pengaduan', 'auditor'];

/** Where a user lands after logging in: an auditor only (no other role) on the audit page, everyone else on the inbox. */
export function homeFor(user: { roles: string[] }): string {
  return user.roles.length > 0 && user.roles.every((role) => role === 'auditor') ? '/staf/audit' : '/staf/tugas';
}

export const routes = [
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: 'nav.home' } },
  { path: '/layanan', name: 'services', component: () => import('./views/PublicCatalogueView.vue'), meta: { title: 'nav.services' } },
  { path: '/layanan/:sopKey', name: 'service', component: () => import('./views/PublicSopView.vue'), props: true, meta: { title: 'nav.services' } },
  { path: '/lacak/:code?', name: 'track', component: () => import('./views/TrackView.vue'), props: true, meta: { title: 'nav.track' } },
  { path: '/masuk', name: 'login', component: () => import('./views/LoginView.vue'), meta: { title: 'nav.login' } },
  { path: '/staf/tugas', name: 'inbox', component: () => import('./views/InboxView.vue'), meta: { title: 'nav.inbox', auth: true } },
  { path: '/staf/kasus/:id', name: 'case', component: () => import('./views/CaseView.vue'), props: true, meta: { title: 'nav.case', auth: true } },
  { path: '/staf/insiden', name: 'incidents', component: () => import('./views/IncidentsView.vue'), meta: { title: 'nav.incidents', auth: SUPERVISOR_ROLES } },
  {
    path: '/staf/pengaduan',
    name: 'complaints',
    component: () => import('./views/ComplaintsView.vue'),
    meta: { title: 'complaints.heading', auth: COMPLAINT_DESK_ROLES },
  },
  { path: '/staf/tim', name: 'team', component: () => import('./views/TeamView.vue'), meta: { title: 'nav.team', auth: SUPERVISOR_ROLES } },
  { path: '/staf/sop', name: 'sops', component: () => import('./views/SopCatalogueView.vue'), meta: { title: 'nav.sops', auth: true } },
  { path: '/staf/sop/:sopKey', name: 'sop', component: () => import('./views/SopDetailView.vue'), props: true, meta: { title: 'nav.sops', auth: true } },
  { path: '/staf/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { title: 'nav.audit', auth: AUDITOR_ROLES } },
  {
    path: '/staf/audit/sop/:sopKey',
    name: 'audit-sop',
    component: () => import('./views/AuditSopView.vue'),
    props: true,
    meta: { title: 'nav.audit', auth: AUDITOR_ROLES },
  },
  {
    path: '/staf/akun/kata-sandi',
    name: 'change-password',
    component: () => import('./views/ChangePasswordView.vue'),
    meta: { title: 'nav.changePassword', auth: true },
  },
  { path: '/staf/akun', name: 'account', component: () => import('./views/AccountView.vue'), meta: { title: 'admin.account.heading', auth: true } },
  { path: '/staf/admin', name: 'admin', redirect: '/staf/admin/pengguna', meta: { title: 'admin.heading', auth: ADMIN_ROLES } },
  {
    path: '/staf/admin/pengguna',
    name: 'admin-users',
    component: () => import('./views/AdminUsersView.vue'),
    meta: { title: 'admin.nav.users', auth: ADMIN_ROLES },
  },
  {
    path: '/staf/admin/unit',
    name: 'admin-units',
    component: () => import('./views/AdminUnitsView.vue'),
    meta: { title: 'admin.nav.units', auth: ADMIN_ROLES },
  },
  {
    path: '/staf/admin/unit/:code',
    name: 'admin-unit',
    component: () => import('./views/AdminUnitView.vue'),
    props: true,
    meta: { title: 'admin.nav.units', auth: ADMIN_ROLES },
  },
  {
    path: '/staf/admin/kalender',
    name: 'admin-calendars',
    component: () => import('./views/AdminCalendarView.vue'),
    meta: { title: 'admin.nav.calendars', auth: ADMIN_ROLES },
  },
  {
    path: '/staf/admin/webhook',
    name: 'admin-webhooks',
    component: () => import('./views/AdminWebhooksView.vue'),
    meta: { title: 'admin.nav.webhooks', auth: ADMIN_ROLES },
  },
  { path: '/staf/perancang', name: 'designer', component: () => import('./views/DesignerView.vue'), meta: { title: 'nav.designer', auth: DESIGNER_ROLES } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'nav.notFound' } },
] as const;

/** Where a navigation must go instead, if anywhere: the login page, or home for a missing role. */
export function guard(to: Pick<RouteLocationNormalized, 'meta' | 'fullPath'>): { name: string; query?: Record<string, string> } | true {
  const need = to.meta.auth;
  if (!need) return true;
  if (!session.token) return { name: 'login', query: { next: to.fullPath } };
  if (Array.isArray(need) && !session.hasRole(...need)) return { name: 'home' };
  return true;
}

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes: [...routes] });
  router.beforeEach(guard);
  return router;
}
