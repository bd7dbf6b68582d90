// 登录与会话: /auth/*.
import { http } from './client';
import type { Session } from './types';

/** POST /auth/login → {user, csrf_token}; 401 wrong, 423 locked, 429 throttled. Errors are shown by the form. */
export function loginApi(username: string, password: string): Promise<Session> {
  return http.post<Session>('/auth/login', { username, password }, { silent: true, noAuthRedirect: true });
}

/** POST /auth/logout. */
export function logoutApi(): Promise<void> {
  return http.post<void>('/auth/logout', {}, { silent: true, noAuthRedirect: true });
}

/** GET /auth/me → {user, csrf_token}; 401 when there is no session (no redirect: the caller decides). */
export function getMeApi(): Promise<Session> {
  return http.get<Session>('/auth/me', { silent: true, noAuthRedirect: true });
}

/** POST /auth/password. Errors (e.g. a weak new password) are shown by the form. */
export function changePasswordApi(oldPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/auth/password', { old_password: oldPassword, new_password: newPassword }, { silent: true });
}
