// The routes of the front end. `meta.title` is an i18n key; `meta.page` names a page
// restricted by role (store/user PAGE_ROLES); `meta.menu` puts it in the side menu.
import type { RouteRecordRaw } from 'vue-router';
import BasicLayout from '@/layouts/basic-layout.vue';
import { homeRouteFor, useUserStore } from '@/store/user';

/** `/`: the landing page of the signed-in role, decided after the sign-in check. */
const Landing = { render: () => null };

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    public?: boolean;
    page?: string;
    menu?: { icon: string; order: number; activeFor?: string[] };
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/login-page.vue'),
    meta: { title: 'routes.login', public: true },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/auth/change-password-page.vue'),
    meta: { title: 'routes.changePassword' },
  },
  {
    path: '/',
    component: BasicLayout,
    children: [
      {
        path: '',
        name: 'home',
        component: Landing,
        beforeEnter: () => ({ name: homeRouteFor(useUserStore().role), replace: true }),
      },
      {
        path: 'me',
        name: 'my-households',
        component: () => import('@/views/visits/my-households-page.vue'),
        meta: { title: 'routes.myHouseholds', page: 'me', menu: { icon: 'me', order: 0 } },
      },
      {
        path: 'dashboard/:code?',
        name: 'dashboard',
        component: () => import('@/views/dashboard/dashboard-page.vue'),
        meta: { title: 'routes.dashboard', menu: { icon: 'dashboard', order: 1 } },
      },
      {
        path: 'households',
        name: 'households',
        component: () => import('@/views/households/household-list-page.vue'),
        meta: { title: 'routes.households', menu: { icon: 'households', order: 2, activeFor: ['household'] } },
      },
      {
        path: 'households/:id',
        name: 'household',
        component: () => import('@/views/households/household-detail-page.vue'),
        meta: { title: 'routes.household' },
      },
      {
        path: 'structure/:code?',
        name: 'structure',
        component: () => import('@/views/structure/structure-page.vue'),
        meta: { title: 'routes.structure', page: 'structure', menu: { icon: 'structure', order: 3 } },
      },
      {
        path: 'compliance/:code?',
        name: 'compliance',
        component: () => import('@/views/compliance/compliance-page.vue'),
        meta: { title: 'routes.compliance', page: 'compliance', menu: { icon: 'compliance', order: 4 } },
      },
      {
        path: 'tasks/:id?',
        name: 'tasks',
        component: () => import('@/views/tasks/tasks-page.vue'),
        meta: { title: 'routes.tasks', page: 'tasks', menu: { icon: 'tasks', order: 5 } },
      },
      {
        path: 'meetings',
        name: 'meetings',
        component: () => import('@/views/meetings/meetings-page.vue'),
        meta: { title: 'routes.meetings', page: 'meetings', menu: { icon: 'meetings', order: 6, activeFor: ['meeting'] } },
      },
      {
        path: 'meetings/:id',
        name: 'meeting',
        component: () => import('@/views/meetings/meeting-detail-page.vue'),
        meta: { title: 'routes.meeting', page: 'meetings' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/audit/audit-page.vue'),
        meta: { title: 'routes.audit', page: 'audit', menu: { icon: 'audit', order: 7 } },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/users-page.vue'),
        meta: { title: 'routes.users', page: 'users', menu: { icon: 'users', order: 8 } },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/errors/forbidden-page.vue'),
        meta: { title: 'routes.forbidden' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/errors/not-found-page.vue'),
        meta: { title: 'routes.notFound' },
      },
    ],
  },
];
