// useUserStore: the signed-in user, their CSRF token and what their role may see.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { changePasswordApi, getMeApi, loginApi, logoutApi } from '@/api/auth';
import { setCsrfToken } from '@/api/client';
import type { Role, Session, User } from '@/api/types';

/** The roles that oversee the command and help work (read; some also write). */
const OVERSIGHT: readonly Role[] = ['admin', 'county_hq', 'org_dept', 'town_commander', 'supervisor', 'discipline', 'viewer'];

/** Pages restricted to some roles; pages not listed are open to every signed-in user. */
export const PAGE_ROLES: Readonly<Record<string, readonly Role[]>> = {
  audit: ['county_hq', 'discipline', 'admin'],
  users: ['admin'],
  /** 我的帮扶户: GET /me/households answers responsible cadres only */
  me: ['responsible_cadre'],
  structure: [...OVERSIGHT, 'village_staff'],
  compliance: [...OVERSIGHT, 'village_staff'],
  tasks: OVERSIGHT,
  meetings: OVERSIGHT,
};

/**
 * Actions shown by role (the server checks them again, with the region scope):
 * reassign (POST /cadres/{id}/reassign), manage_tasks (POST /tasks), update_task
 * (commitment, progress, completion), record_meeting (POST /meetings/{id}/record).
 */
export const ACTION_ROLES: Readonly<Record<string, readonly Role[]>> = {
  reassign: ['county_hq', 'org_dept', 'admin'],
  manage_tasks: ['county_hq', 'admin'],
  update_task: ['county_hq', 'admin', 'org_dept', 'town_commander'],
  record_meeting: ['county_hq', 'admin', 'town_commander'],
};

export function roleMayOpen(role: Role | undefined, page: string): boolean {
  const allowed = PAGE_ROLES[page];
  return !allowed || (role !== undefined && allowed.includes(role));
}

export function roleMayDo(role: Role | undefined, action: string): boolean {
  const allowed = ACTION_ROLES[action];
  return role !== undefined && !!allowed && allowed.includes(role);
}

/** The landing page of a role: 我的帮扶户 for a responsible cadre, else the 作战图. */
export function homeRouteFor(role: Role | undefined): string {
  return role === 'responsible_cadre' ? 'my-households' : 'dashboard';
}

export const useUserStore = defineStore('user', () => {
  const user = ref<User | null>(null);
  /** True once GET /auth/me has answered (with a user or with 401). */
  const checked = ref(false);

  const isLoggedIn = computed(() => user.value !== null);
  const role = computed<Role | undefined>(() => user.value?.role);
  const mustChangePassword = computed(() => user.value?.must_change_password === true);
  const scope = computed(() => user.value?.scope ?? null);

  function apply(session: Session): void {
    user.value = session.user;
    setCsrfToken(session.csrf_token ?? '');
    checked.value = true;
  }

  function clear(): void {
    user.value = null;
    setCsrfToken('');
    checked.value = true;
  }

  /** Asks the server who is signed in; false when nobody is (no redirect). */
  async function fetchMe(): Promise<boolean> {
    try {
      apply(await getMeApi());
      return true;
    } catch {
      clear();
      return false;
    }
  }

  async function ensureChecked(): Promise<boolean> {
    return checked.value ? isLoggedIn.value : fetchMe();
  }

  async function login(username: string, password: string): Promise<User> {
    const session = await loginApi(username, password);
    apply(session);
    return session.user;
  }

  async function logout(): Promise<void> {
    try {
      await logoutApi();
    } finally {
      clear();
    }
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await changePasswordApi(oldPassword, newPassword);
    if (user.value) user.value = { ...user.value, must_change_password: false };
    // The server may rotate the session and its token: read them again.
    await fetchMe();
  }

  function mayOpen(page: string): boolean {
    return roleMayOpen(role.value, page);
  }

  function mayDo(action: string): boolean {
    return roleMayDo(role.value, action);
  }

  return {
    user,
    checked,
    isLoggedIn,
    role,
    mustChangePassword,
    scope,
    apply,
    clear,
    fetchMe,
    ensureChecked,
    login,
    logout,
    changePassword,
    mayOpen,
    mayDo,
  };
});
