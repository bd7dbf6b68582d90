import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RouteLocationNormalized } from 'vue-router';
import { guard, redirectTarget } from '../guards';
import { menuFor } from '../menu';
import { homeRouteFor, roleMayDo, useUserStore } from '@/store/user';
import type { Role } from '@/api/types';

vi.mock('@/api/auth', () => ({
  getMeApi: vi.fn(async () => {
    throw new Error('401');
  }),
  loginApi: vi.fn(),
  logoutApi: vi.fn(),
  changePasswordApi: vi.fn(),
}));

function to(path: string, name: string, meta: Record<string, unknown> = {}, query: Record<string, string> = {}) {
  return { path, fullPath: path, name, meta, query, params: {}, hash: '', matched: [], redirectedFrom: undefined } as unknown as RouteLocationNormalized;
}

function signIn(role: Role, mustChange = false): void {
  useUserStore().apply({
    user: { id: 1, username: 'u', display_name: 'U', role, scope: { code: '511025', name: '资中县' }, must_change_password: mustChange },
    csrf_token: 't',
  });
}

beforeEach(() => setActivePinia(createPinia()));

describe('guards', () => {
  it('sends a visitor without a session to login, keeping the wanted URL', async () => {
    expect(await guard(to('/households?status=poor', 'households'))).toEqual({
      name: 'login',
      query: { redirect: '/households?status=poor' },
    });
  });

  it('forces the password change first', async () => {
    signIn('county_hq', true);
    expect(await guard(to('/dashboard', 'dashboard'))).toEqual({ name: 'change-password', query: { redirect: '/dashboard' } });
    expect(await guard(to('/change-password', 'change-password'))).toBe(true);
  });

  it('keeps roles out of pages they may not open', async () => {
    signIn('village_staff');
    expect(await guard(to('/audit', 'audit', { page: 'audit' }))).toEqual({ name: 'forbidden', query: { from: '/audit' } });
    expect(await guard(to('/households', 'households'))).toBe(true);
    signIn('discipline');
    expect(await guard(to('/audit', 'audit', { page: 'audit' }))).toBe(true);
    expect(await guard(to('/users', 'users', { page: 'users' }))).toEqual({ name: 'forbidden', query: { from: '/users' } });
  });

  it('only redirects inside the app after login', () => {
    expect(redirectTarget('/households/1')).toBe('/households/1');
    expect(redirectTarget('//evil.example')).toEqual({ name: 'home' });
    expect(redirectTarget('https://evil.example')).toEqual({ name: 'home' });
  });
});

describe('menu by role', () => {
  it('shows each role the pages it may open', () => {
    const command = ['structure', 'compliance', 'tasks', 'meetings'];
    expect(menuFor('admin').map((m) => m.name)).toEqual(['dashboard', 'households', ...command, 'audit', 'users']);
    expect(menuFor('county_hq').map((m) => m.name)).toEqual(['dashboard', 'households', ...command, 'audit']);
    // A responsible cadre lands on 我的帮扶户, first in the menu.
    expect(menuFor('responsible_cadre').map((m) => m.name)).toEqual(['my-households', 'dashboard', 'households']);
    expect(menuFor('supervisor').map((m) => m.name)).toEqual(['dashboard', 'households', ...command]);
    expect(menuFor('discipline').map((m) => m.name)).toEqual(['dashboard', 'households', ...command, 'audit']);
    expect(menuFor('village_staff').map((m) => m.name)).toEqual(['dashboard', 'households', 'structure', 'compliance']);
  });

  it('lands each role on its page and offers actions by role', () => {
    expect(homeRouteFor('responsible_cadre')).toBe('my-households');
    expect(homeRouteFor('county_hq')).toBe('dashboard');
    expect(homeRouteFor(undefined)).toBe('dashboard');
    expect(roleMayDo('org_dept', 'reassign')).toBe(true);
    expect(roleMayDo('town_commander', 'reassign')).toBe(false);
    expect(roleMayDo('county_hq', 'manage_tasks')).toBe(true);
    expect(roleMayDo('town_commander', 'manage_tasks')).toBe(false);
    expect(roleMayDo('town_commander', 'update_task')).toBe(true);
    expect(roleMayDo('supervisor', 'update_task')).toBe(false);
    expect(roleMayDo('town_commander', 'record_meeting')).toBe(true);
    expect(roleMayDo('discipline', 'record_meeting')).toBe(false);
    expect(roleMayDo('admin', 'no_such_action')).toBe(false);
  });
});
