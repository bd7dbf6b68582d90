// i18n completeness: both languages have the same keys, no empty text, and every key
// the source code names literally exists (so no raw key can show).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import zhCN from '../zh-CN';
import enUS from '../en-US';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const en = flatten(enUS as Tree);
const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' || name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('zh-CN and en-US have the same keys', () => {
    const onlyZh = [...zh.keys()].filter((k) => !en.has(k));
    const onlyEn = [...en.keys()].filter((k) => !zh.has(k));
    expect(onlyZh).toEqual([]);
    expect(onlyEn).toEqual([]);
    expect(zh.size).toBeGreaterThan(300);
  });

  it('has no empty text', () => {
    for (const [key, value] of [...zh, ...en]) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zh) expect(names(en.get(key) ?? ''), key).toEqual(names(value));
  });

  it('avoids the characters vue-i18n reads as syntax', () => {
    for (const [key, value] of [...zh, ...en]) expect(/[@|$]/.test(value), `${key}: ${value}`).toBe(false);
  });

  it('has every key the source code names literally', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) {
        if (!zh.has(m[1])) missing.push(`${relative(SRC, file)}: ${m[1]}`);
      }
      for (const m of text.matchAll(/title: '([a-z]+\.[A-Za-z0-9_.]+)'/g)) {
        if (!zh.has(m[1])) missing.push(`${relative(SRC, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has the keys built from codes at run time', () => {
    const dynamic = [
      ...['start_exit', 'start_identify', 'start_return', 'record_step', 'reject', 'flag_monitoring'].map((a) => `actions.${a}`),
      ...['wrong_exit', 'eligible', 'missed'].map((k) => `dashboard.alerts.empty_${k}`),
      ...['nation', 'province', 'city', 'county', 'town', 'village'].map((l) => `vocab.levels.${l}`),
      ...['M', 'F'].map((s) => `vocab.sex.${s}`),
      ...['home_visit', 'phone_call', 'other'].map((k) => `vocab.visitKinds.${k}`),
      ...['policy_explanation', 'industry', 'employment', 'education', 'health', 'housing', 'social_security', 'product_sales', 'other'].map(
        (m) => `vocab.measures.${m}`,
      ),
      ...['none', 'due_soon', 'overdue', 'overdue_week', 'done'].map((e) => `vocab.escalation.${e}`),
      ...['year', 'quarter', 'month'].map((k) => `vocab.periodKinds.${k}`),
      ...['daily', 'weekly_dispatch', 'half_monthly_special', 'task_force_weekly'].map((k) => `vocab.meetingKinds.${k}`),
      ...[0, 1, 2, 3, 4, 5, 6].map((d) => `meetings.weekdays.d${d}`),
      ...['county', 'town', 'village', 'group', 'household'].map((l) => `structure.levels.${l}`),
    ];
    for (const key of dynamic) {
      expect(zh.has(key), key).toBe(true);
      expect(en.has(key), key).toBe(true);
    }
  });
});
