// The one request client of the front end. Every call to the server goes through
// request() (or download()), which:
//  - sends the session cookie (credentials 'same-origin') and, on writes, the
//    X-CSRF-Token header with the token from login or GET /auth/me;
//  - unwraps the error envelope {"error":{code,rule,field,message:{zh,en}}} into an
//    ApiError and shows it as an Element Plus message in the current language
//    (409 as "已被他人修改，请刷新");
//  - on 401 forgets the session and sends the user to the login page, keeping the
//    URL they wanted.
// The router and the notifier are installed from main.ts (and from tests), so this
// module imports no view code.
import type { Router } from 'vue-router';
import type { LocalizedText } from './types';
import { currentLocale, i18n } from '@/locales';

export const API_BASE = '/api/v1';

export type ErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'failed_precondition'
  | 'too_many_requests'
  | 'locked'
  | 'internal'
  | 'network';

/** A failed request: the server's envelope, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly rule: string;
  readonly field: string;
  /** The server's message in both languages; null when the server sent none. */
  readonly messages: LocalizedText | null;

  constructor(status: number, code: string, rule = '', field = '', messages: LocalizedText | null = null) {
    super(messages?.en || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.rule = rule;
    this.field = field;
    this.messages = messages;
  }

  /** The text to show a user, in `locale`; falls back to a generic text per code. */
  text(locale: string = currentLocale()): string {
    if (this.status === 409 || this.code === 'conflict') return i18n.global.t('errors.conflict');
    const own = this.messages ? (locale.startsWith('zh') ? this.messages.zh : this.messages.en) : '';
    if (own) return own;
    const key = `errors.codes.${this.code}`;
    return i18n.global.te(key) ? i18n.global.t(key) : i18n.global.t('errors.codes.internal');
  }
}

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'conflict',
  422: 'failed_precondition',
  423: 'locked',
  429: 'too_many_requests',
};

/** Builds an ApiError from a status and a parsed body (an envelope, or anything). */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const envelope = (body as { error?: Record<string, unknown> } | null)?.error;
  const fallback = CODE_OF_STATUS[status] ?? 'internal';
  if (envelope && typeof envelope === 'object') {
    const msg = envelope.message as Partial<LocalizedText> | string | undefined;
    let messages: LocalizedText | null = null;
    if (typeof msg === 'string') messages = { zh: msg, en: msg };
    else if (msg && (msg.zh || msg.en)) messages = { zh: msg.zh ?? msg.en ?? '', en: msg.en ?? msg.zh ?? '' };
    return new ApiError(
      status,
      typeof envelope.code === 'string' && envelope.code ? envelope.code : fallback,
      typeof envelope.rule === 'string' ? envelope.rule : '',
      typeof envelope.field === 'string' ? envelope.field : '',
      messages,
    );
  }
  return new ApiError(status, fallback);
}

// --- installation -------------------------------------------------------------------

type Notifier = (text: string, error: ApiError) => void;

interface ClientState {
  csrfToken: string;
  router: Router | null;
  notify: Notifier;
  onUnauthenticated: () => void;
  fetch: typeof fetch;
}

const state: ClientState = {
  csrfToken: '',
  router: null,
  notify: () => {},
  onUnauthenticated: () => {},
  fetch: (...args) => globalThis.fetch(...args),
};

export interface ClientOptions {
  router?: Router;
  /** Shows an error to the user (Element Plus message in the app). */
  notify?: Notifier;
  /** Called on a 401 before the redirect: forget the session. */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

export function installRequestClient(options: ClientOptions): void {
  if (options.router) state.router = options.router;
  if (options.notify) state.notify = options.notify;
  if (options.onUnauthenticated) state.onUnauthenticated = options.onUnauthenticated;
  if (options.fetch) state.fetch = options.fetch;
}

/** The token sent as X-CSRF-Token on writes; set from login and GET /auth/me. */
export function setCsrfToken(token: string): void {
  state.csrfToken = token;
}

export function getCsrfToken(): string {
  return state.csrfToken;
}

// --- requests -----------------------------------------------------------------------

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A binary body sent as it is (a photo), with its Content-Type; instead of `body`. */
  raw?: { data: Blob; type: string };
  /** Do not show the error as a message (the caller shows it). */
  silent?: boolean;
  /** Do not redirect to the login page on 401 (login itself, the first /auth/me). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `/api/v1` + path + the non-empty query parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (options.raw) headers['Content-Type'] = options.raw.type;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (WRITE_METHODS.has(method) && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  let response: Response;
  try {
    response = await state.fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ? options.raw.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    const error = new ApiError(0, 'network');
    if (!options.silent) state.notify(error.text(), error);
    throw error;
  }
  if (!response.ok) throw await fail(response, options);
  return response;
}

async function fail(response: Response, options: RequestOptions): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = errorFromResponse(response.status, body);
  if (response.status === 401 && !options.noAuthRedirect) {
    redirectToLogin();
    return error;
  }
  if (!options.silent) state.notify(error.text(), error);
  return error;
}

function redirectToLogin(): void {
  state.csrfToken = '';
  state.onUnauthenticated();
  const router = state.router;
  if (!router) return;
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  const redirect = current.fullPath && current.fullPath !== '/' ? current.fullPath : undefined;
  void router.replace({ name: 'login', query: redirect ? { redirect } : {} });
}

/** Sends a JSON request and returns the parsed JSON answer (undefined for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method.toUpperCase(), path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  /** POST of raw bytes (a photo) with their Content-Type. */
  postRaw: <T>(path: string, data: Blob, type: string, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, raw: { data, type } }),
};

/** Downloads a file answer (e.g. the Excel export) and saves it under its name. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await send('GET', path, { query }, '*/*');
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = fileNameFromDisposition(disposition) || fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function fileNameFromDisposition(disposition: string): string {
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : '';
}
