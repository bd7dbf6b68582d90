import { afterEach, describe, expect, it } from 'vitest';
import {
  actorLabel,
  AUDIT_ACTION_KEYS,
  auditActionLabel,
  auditDetailText,
  ATTRIBUTES,
  attributeLabel,
  CAUSES,
  causeLabel,
  CRITERIA,
  criterionLabel,
  EXIT_STEPS,
  GUARANTEES,
  INCOME_PARTS,
  MONITORING_CATEGORIES,
  MONITORING_TRIGGERS,
  procedureTerm,
  roleLabel,
  STATUSES,
  statusLabel,
  termLabel,
} from '../vocabulary';
import { ROLES } from '@/api/types';
import { i18n, LOCALES, setLocale } from '@/locales';

afterEach(() => setLocale('zh-CN'));

function looksLikeKey(text: string): boolean {
  return /^(vocab|dashboard|households|household|common|errors)\./.test(text) || text.includes('.');
}

describe('criterion names', () => {
  it('maps each household rule id to its Chinese name', () => {
    expect(Object.fromEntries(CRITERIA.map((rule) => [rule, criterionLabel(rule)]))).toEqual({
      'household.income_above_line': '收入',
      'household.food': '不愁吃',
      'household.clothing': '不愁穿',
      'household.compulsory_education': '义务教育',
      'household.basic_medical': '基本医疗',
      'household.safe_housing': '住房安全',
      'household.safe_water': '饮水安全',
      'household.electricity': '生活用电',
      'household.radio_tv': '广播电视',
      'policy.standard': '无适用标准',
    });
  });

  it('has an English name for each, and never shows a raw key', () => {
    setLocale('en-US');
    for (const rule of CRITERIA) {
      const label = criterionLabel(rule);
      expect(label, rule).not.toBe(rule);
      expect(looksLikeKey(label), label).toBe(false);
    }
    expect(criterionLabel('household.safe_housing')).toBe('Safe housing');
  });

  it("shows the server's name for a rule it does not know", () => {
    expect(criterionLabel('household.new_rule', { zh: '新指标', en: 'new' })).toBe('新指标');
    expect(criterionLabel('household.new_rule')).toBe('household.new_rule');
  });
});

describe('cause names', () => {
  it('maps each cause code to its Chinese name', () => {
    expect(Object.fromEntries(CAUSES.map((c) => [c, causeLabel(c)]))).toEqual({
      illness: '因病',
      disability: '因残',
      schooling: '因学',
      disaster: '因灾',
      land: '缺土地',
      water: '缺水',
      skills: '缺技术',
      labour: '缺劳力',
      capital: '缺资金',
      transport: '交通条件落后',
      drive: '自身发展动力不足',
    });
  });

  it('shows a dash for no cause and the code for an unknown one, never a key', () => {
    expect(causeLabel('')).toBe('—');
    expect(causeLabel('none')).toBe('—');
    expect(causeLabel('meteor')).toBe('meteor');
  });
});

describe('every vocabulary the interface offers has a label in both languages', () => {
  const groups: [string, readonly string[]][] = [
    ['causes', CAUSES],
    ['status', STATUSES],
    ['attributes', ATTRIBUTES.filter((a) => a !== 'none')],
    ['roles', ROLES],
    ['monitoring', MONITORING_CATEGORIES],
    ['triggers', MONITORING_TRIGGERS],
    ['guarantees', GUARANTEES],
    ['income', INCOME_PARTS],
    ['steps', EXIT_STEPS],
    ['auditActions', Object.values(AUDIT_ACTION_KEYS)],
  ];
  for (const locale of LOCALES) {
    it(locale, () => {
      for (const [group, codes] of groups) {
        for (const code of codes) {
          expect(i18n.global.te(`vocab.${group}.${code}`, locale), `${locale} vocab.${group}.${code}`).toBe(true);
        }
      }
    });
  }

  it('labels statuses, attributes and roles in Chinese', () => {
    expect(statusLabel('exited')).toBe('已脱贫');
    expect(attributeLabel('dibao')).toBe('低保贫困户');
    expect(roleLabel('county_hq')).toBe('县指挥部');
    expect(termLabel('relations', 'head')).toBe('户主');
  });
});

describe('procedure and audit terms as the server sends them', () => {
  it('prefers the server\'s own name of a step, then the vocabulary, then the code', () => {
    expect(procedureTerm('steps', 'propose', { zh: '返贫申请', en: 'proposal' })).toBe('返贫申请');
    expect(procedureTerm('steps', 'mark_exited')).toBe('标记脱贫');
    expect(procedureTerm('states', 'town_reviewed')).toBe('乡镇已审核');
    expect(procedureTerm('procedureKinds', 'household_exit')).toBe('贫困户退出');
    expect(procedureTerm('steps', 'brand_new_step')).toBe('brand_new_step');
    setLocale('en-US');
    expect(procedureTerm('steps', 'propose', { zh: '村提名', en: 'village proposal' })).toBe('village proposal');
  });

  it('names the server\'s audit actions and details', () => {
    expect(auditActionLabel('auth.login')).toBe('登录');
    expect(auditActionLabel('households.show.unmasked')).toBe('查看完整证件号');
    expect(auditActionLabel('procedures.step')).toBe('记录程序环节');
    expect(auditActionLabel('something.new')).toBe('something.new');
    expect(auditDetailText('procedures.step', 'democratic_review')).toBe('民主评议');
    expect(auditDetailText('procedures.start', 'exit')).toBe('贫困户退出');
    expect(auditDetailText('auth.login', '{"a":1}')).toBe('{"a":1}');
    expect(actorLabel('user:hq')).toBe('hq');
    expect(actorLabel('demo')).toBe('demo');
  });
});
