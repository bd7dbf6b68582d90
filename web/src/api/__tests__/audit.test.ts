import { describe, expect, it } from 'vitest';
import { normalizeAuditEntry, normalizeAuditVerify } from '../audit';

describe('audit normalisers', () => {
  it('keeps the record before and after a write', () => {
    const entry = normalizeAuditEntry({
      id: 12,
      at: '2026-11-30T07:00:00Z',
      actor: 'user:hq',
      action: 'households.edit',
      target: '5110251242290001',
      detail: '',
      before: '{"phone":"139****2222"}',
      after: '{"phone":"138****1111"}',
      hash: 'ab',
    });
    expect(entry).toMatchObject({ subject: '5110251242290001', before: '{"phone":"139****2222"}', after: '{"phone":"138****1111"}' });
    expect(normalizeAuditEntry({ id: 1, action: 'auth.login' })).toMatchObject({ before: '', after: '' });
  });

  it('reads the server verdict with the first bad entry and the problem', () => {
    const broken = normalizeAuditVerify({ ok: false, entries: 40, first_bad_id: 17, problem: { zh: '第 17 条被改动', en: 'entry 17 was edited' } });
    expect(broken.ok).toBe(false);
    expect(broken.checked).toBe(40);
    expect(broken.first_broken?.id).toBe(17);
    expect(broken.problem).toEqual({ zh: '第 17 条被改动', en: 'entry 17 was edited' });
    const fine = normalizeAuditVerify({ ok: true, entries: 40, first_bad_id: 0, problem: { zh: '', en: '' } });
    expect(fine).toEqual({ ok: true, checked: 40, first_broken: null, problem: null });
  });
});
