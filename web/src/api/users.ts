// 用户管理 (system admin): /users.
import { http } from './client';
import { regionNamesApi } from './regions';
import type { NewUser, Page, Role, User } from './types';

type Raw = Record<string, unknown>;

function normalizeUser(raw: Raw): User {
  const scope = (raw.scope && typeof raw.scope === 'object' ? raw.scope : { code: raw.scope ?? '', name: raw.scope_name ?? '' }) as User['scope'];
  return {
    id: (raw.id as number | string) ?? '',
    username: String(raw.username ?? ''),
    display_name: String(raw.display_name ?? ''),
    role: String(raw.role ?? 'viewer') as Role,
    scope: { code: String(scope.code ?? ''), name: String(scope.name ?? ''), level: scope.level },
    must_change_password: raw.must_change_password === true,
    disabled: raw.disabled === true || raw.active === false,
  };
}

/** Fills in the names of scopes the server sent as a bare code (GET /regions/{code}). */
async function withScopeNames(users: User[]): Promise<User[]> {
  const unnamed = users.filter((u) => !u.scope.name && u.scope.code).map((u) => u.scope.code);
  if (!unnamed.length) return users;
  const names = await regionNamesApi(unnamed);
  return users.map((u) => (u.scope.name ? u : { ...u, scope: { ...u.scope, name: names.get(u.scope.code) ?? '' } }));
}

/** GET /users → every user (the server may answer a page or a plain array). */
export async function listUsersApi(page = 1, pageSize = 50): Promise<Page<User>> {
  const raw = await http.get<Page<Raw> | Raw[]>('/users', { query: { page, page_size: pageSize } });
  if (Array.isArray(raw)) {
    const items = await withScopeNames(raw.map(normalizeUser));
    return { items, total: raw.length, page: 1, page_size: raw.length };
  }
  return { ...raw, items: await withScopeNames((raw.items ?? []).map(normalizeUser)) };
}

/** POST /users {username, display_name, role, scope, password}. */
export async function createUserApi(user: NewUser): Promise<User> {
  const raw = await http.post<Raw>('/users', user);
  return normalizeUser((raw?.user as Raw) ?? raw ?? {});
}

/** POST /users/{id}/disable. */
export function disableUserApi(id: number | string): Promise<unknown> {
  return http.post<unknown>(`/users/${encodeURIComponent(String(id))}/disable`);
}

/**
 * POST /users/{id}/reset-password {new_password}: the user must change it at the
 * next login. Returns the temporary password when the server generated one.
 */
export async function resetPasswordApi(id: number | string, newPassword: string): Promise<string> {
  const raw = await http.post<Raw | undefined>(`/users/${encodeURIComponent(String(id))}/reset-password`, {
    new_password: newPassword,
  });
  const temp = raw?.temporary_password ?? raw?.password;
  return typeof temp === 'string' ? temp : newPassword;
}
