// Small readers for the normalisers of the issue-5 areas (structure, visits, work
// lists): they turn what the server sent into the typed shapes of types.ts, so that a
// missing field becomes an empty value instead of `undefined` on a page.
import type { LocalizedText, Term } from './types';

export type Raw = Record<string, unknown>;

export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function obj(value: unknown): Raw {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An id as the server sent it (number or string); '' when missing. */
export function id(value: unknown): number | string {
  return typeof value === 'number' || typeof value === 'string' ? value : '';
}

/**
 * A coded value with its names: `{code, zh, en}` as it stands, or the code in `raw[key]`
 * with `raw[key_zh]`/`raw[key_en]` beside it. A missing name is the code itself.
 */
export function term(raw: Raw, key: string): Term {
  const value = raw[key];
  if (value && typeof value === 'object') {
    const v = value as Raw;
    const code = str(v.code);
    const zh = str(v.zh) || str(v.name_zh);
    const en = str(v.en) || str(v.name_en);
    return { code, zh: zh || en || code, en: en || zh || code };
  }
  const code = str(value);
  const zh = str(raw[`${key}_zh`]);
  const en = str(raw[`${key}_en`]);
  return { code, zh: zh || en || code, en: en || zh || code };
}

/** `{zh, en}` of raw[key_zh]/raw[key_en], or raw[key] as {zh, en}; null when neither was sent. */
export function labels(raw: Raw, key: string): LocalizedText | null {
  const pair = obj(raw[key]);
  const zh = str(raw[`${key}_zh`]) || str(pair.zh);
  const en = str(raw[`${key}_en`]) || str(pair.en);
  return zh || en ? { zh: zh || en, en: en || zh } : null;
}

/** `{code, name}` from an object, or from a bare code with the name elsewhere. */
export function regionRef(value: unknown, name = ''): { code: string; name: string } {
  if (value && typeof value === 'object') {
    const v = value as Raw;
    return { code: str(v.code), name: str(v.name) };
  }
  return { code: str(value), name };
}

/** `{id, name}` from an object ({id, name}), else an empty reference. */
export function ref(value: unknown): { id: number | string; name: string } {
  const v = obj(value);
  return { id: id(v.id ?? v.cadre_id), name: str(v.name) };
}

/** A page `{items, total, page, page_size}` (or a bare array) with its items normalised. */
export function page<T>(raw: unknown, item: (r: Raw) => T): { items: T[]; total: number; page: number; page_size: number } {
  const items = Array.isArray(raw) ? raw : arr(obj(raw).items);
  const r = obj(raw);
  return {
    items: items.map((i) => item(obj(i))),
    total: num(r.total, items.length),
    page: num(r.page, 1),
    page_size: num(r.page_size, items.length),
  };
}
