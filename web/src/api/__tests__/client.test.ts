import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { defineComponent } from 'vue';
import {
  ApiError,
  apiUrl,
  errorFromResponse,
  fileNameFromDisposition,
  http,
  installRequestClient,
  setCsrfToken,
} from '../client';
import { setLocale } from '@/locales';

const Blank = defineComponent({ render: () => null });

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const envelope = {
  error: {
    code: 'invalid_argument',
    rule: 'household.date',
    field: 'date',
    message: { zh: '日期格式应为 YYYY-MM-DD', en: 'the date must be YYYY-MM-DD' },
  },
};

let fetchMock: Mock<typeof fetch>;
let notify: Mock<(text: string, error: ApiError) => void>;
let onUnauthenticated: Mock<() => void>;
let router: Router;

beforeEach(async () => {
  setLocale('zh-CN');
  fetchMock = vi.fn<typeof fetch>();
  notify = vi.fn<(text: string, error: ApiError) => void>();
  onUnauthenticated = vi.fn<() => void>();
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: Blank },
      { path: '/households', name: 'households', component: Blank },
      { path: '/', component: Blank },
    ],
  });
  await router.push('/households?status=poor&page=2');
  installRequestClient({ router, notify, onUnauthenticated, fetch: fetchMock });
  setCsrfToken('');
});

afterEach(() => {
  setLocale('zh-CN');
});

describe('error envelope', () => {
  it('unwraps the envelope into a typed ApiError', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, envelope));
    const error = await http.get('/households').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_argument');
    expect(e.rule).toBe('household.date');
    expect(e.field).toBe('date');
    expect(e.messages).toEqual(envelope.error.message);
  });

  it('shows the message in the current language', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, envelope));
    await http.get('/households').catch(() => {});
    expect(notify).toHaveBeenLastCalledWith('日期格式应为 YYYY-MM-DD', expect.any(ApiError));

    setLocale('en-US');
    fetchMock.mockResolvedValue(jsonResponse(400, envelope));
    await http.get('/households').catch(() => {});
    expect(notify).toHaveBeenLastCalledWith('the date must be YYYY-MM-DD', expect.any(ApiError));
  });

  it('shows 409 as "已被他人修改，请刷新"', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(409, { error: { code: 'conflict', rule: 'procedure.stale', field: 'expected_version', message: { zh: '版本已变化', en: 'stale' } } }),
    );
    const e = (await http.post('/procedures/7/steps', { expected_version: 3 }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(409);
    expect(notify).toHaveBeenCalledWith('已被他人修改，请刷新', e);
  });

  it('falls back to a text per status when the body is not an envelope', async () => {
    fetchMock.mockResolvedValue(new Response('<html>bad gateway</html>', { status: 502 }));
    const e = (await http.get('/households').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('internal');
    expect(notify).toHaveBeenCalledWith('服务器出错，请稍后重试', e);
    expect(errorFromResponse(429, null).code).toBe('too_many_requests');
    expect(errorFromResponse(423, {}).code).toBe('locked');
  });

  it('does not show the message when the caller asks for silence', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, envelope));
    await http.get('/households', { silent: true }).catch(() => {});
    expect(notify).not.toHaveBeenCalled();
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const e = (await http.get('/households').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(0);
    expect(e.code).toBe('network');
    expect(notify).toHaveBeenCalledWith('无法连接服务器，请检查网络', e);
  });
});

describe('CSRF and credentials', () => {
  it('sends X-CSRF-Token on writes only, and the cookie same-origin', async () => {
    setCsrfToken('tok-123');
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }));
    await http.post('/households/1/procedures', { kind: 'exit', date: '2020-06-01', note: '' });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/households/1/procedures');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-123');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ kind: 'exit', date: '2020-06-01', note: '' });

    fetchMock.mockResolvedValue(jsonResponse(200, { items: [] }));
    await http.get('/households');
    const [, getInit] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(getInit.credentials).toBe('same-origin');
    expect((getInit.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });
});

describe('401', () => {
  it('forgets the session and redirects to login keeping the wanted URL', async () => {
    setCsrfToken('tok-123');
    fetchMock.mockResolvedValue(
      jsonResponse(401, { error: { code: 'unauthenticated', rule: 'session.expired', field: '', message: { zh: '请登录', en: 'sign in' } } }),
    );
    const e = (await http.get('/households').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(401);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(router.currentRoute.value.query.redirect).toBe('/households?status=poor&page=2');
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    expect(notify).not.toHaveBeenCalled();

    // The token was dropped with the session.
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await http.post('/auth/logout');
    const [, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('does not redirect when the caller handles 401 itself (login, first /auth/me)', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'unauthenticated', message: { zh: '用户名或密码错误', en: 'wrong' } } }));
    const e = (await http.post('/auth/login', {}, { noAuthRedirect: true, silent: true }).catch((x: unknown) => x)) as ApiError;
    expect(e.text()).toBe('用户名或密码错误');
    expect(router.currentRoute.value.name).toBe('households');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});

describe('urls', () => {
  it('drops empty query parameters', () => {
    expect(apiUrl('/households', { region: '511025', status: '', q: undefined, page: 1, failing: null })).toBe(
      '/api/v1/households?region=511025&page=1',
    );
    expect(apiUrl('/households/export.xlsx', { q: '张三' })).toBe('/api/v1/households/export.xlsx?q=%E5%BC%A0%E4%B8%89');
  });

  it('reads the file name of a download', () => {
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E8%8D%A3%E5%8E%BF.xlsx")).toBe('荣县.xlsx');
    expect(fileNameFromDisposition('attachment; filename="households.xlsx"')).toBe('households.xlsx');
    expect(fileNameFromDisposition('')).toBe('');
  });
});
