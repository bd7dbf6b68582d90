// 审计日志 (county HQ, discipline, admin): /audit and its hash-chain check.
import { http } from './client';
import type { AuditEntry, AuditVerifyResult, Page } from './types';

type Raw = Record<string, unknown>;

function s(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function normalizeAuditEntry(raw: Raw): AuditEntry {
  return {
    id: (raw.id ?? raw.seq ?? '') as number | string,
    at: s(raw.at ?? raw.time ?? raw.recorded_at),
    actor: s(raw.actor_name ?? raw.actor ?? raw.user),
    action: s(raw.action ?? raw.event),
    subject: s(raw.subject ?? raw.target),
    detail: s(raw.detail ?? raw.details),
    hash: s(raw.hash),
  };
}

/** GET /audit?page=&page_size= → a page of entries, newest first as the server orders them. */
export async function listAuditApi(page = 1, pageSize = 50): Promise<Page<AuditEntry>> {
  const raw = await http.get<Page<Raw>>('/audit', { query: { page, page_size: pageSize } });
  return { ...raw, items: (raw.items ?? []).map(normalizeAuditEntry) };
}

/** GET /audit/verify → whether the hash chain holds, else the first broken entry. */
export async function verifyAuditApi(): Promise<AuditVerifyResult> {
  const raw = await http.get<Raw>('/audit/verify');
  const broken = raw.first_broken ?? raw.broken ?? null;
  return {
    ok: raw.ok === true,
    checked: typeof raw.checked === 'number' ? raw.checked : typeof raw.entries === 'number' ? raw.entries : null,
    first_broken: broken && typeof broken === 'object' ? normalizeAuditEntry(broken as Raw) : broken ? normalizeAuditEntry({ id: broken }) : null,
  };
}
