import { describe, expect, it } from 'vitest';
import { normalizeHouseholdDetail, normalizeHouseholdSummary } from '../households';

describe('household normalisers', () => {
  it('reads a list row in either shape', () => {
    const flat = normalizeHouseholdSummary({
      id: '5110251002030001',
      head_name: '张三',
      village: '511025100203',
      village_name: '红光村',
      status: 'poor',
      attribute: 'general',
      persons: 4,
      per_capita_net: 4716.67,
      eligible: false,
      failing: ['household.safe_housing'],
    });
    expect(flat).toMatchObject({
      head_name: '张三',
      village: { code: '511025100203', name: '红光村' },
      persons: 4,
      per_capita_net: 4716.67,
      eligible: false,
      failing: ['household.safe_housing'],
    });

    const nested = normalizeHouseholdSummary({
      id: 'x',
      head: { name: '李四' },
      village: { code: '511025100204', name: '新民村' },
      members: [{}, {}],
      income: { per_capita_net: 5000 },
      eligible_to_exit: true,
    });
    expect(nested).toMatchObject({ head_name: '李四', persons: 2, per_capita_net: 5000, eligible: true, failing: [] });
  });

  it('reads a household page with verdict, procedures and actions', () => {
    const detail = normalizeHouseholdDetail({
      household: {
        id: 'h1',
        village: '511025100203',
        group: '3',
        attribute: 'dibao',
        main_cause: 'illness',
        other_causes: ['skills'],
        status: 'poor',
        exit_year: null,
        income: { wages: 10000, production: 2000, property: 0, transfer: 1200.5, production_costs: 500, per_capita_net: 4716.67 },
        guarantees: { food: 'yes', housing: 'no' },
        members: [{ id_number: '110105********002X', name: '张三', sex: 'F', birth_date: '1949-12-31', relation: 'head' }],
        version: 5,
      },
      village_name: '红光村',
      verdict: {
        eligible_to_exit: false,
        criteria: [
          { rule: 'household.income_above_line', name_zh: '收入超过扶贫标准', name_en: 'income', pass: true, reason_zh: '高于', reason_en: 'above' },
          { rule: 'household.safe_housing', name: { zh: '住房安全有保障', en: 'housing' }, pass: false, reason: { zh: '危房', en: 'unsafe' } },
        ],
      },
      procedures: [{ id: 7, kind: 'exit', state: 'public_notice', outcome: 'open', version: 3, steps: [{ seq: 1, step: 'village_proposal', actor: '王五', date: '2020-06-01', note: '' }] }],
      actions: ['record_step', { name: 'reject', procedure_id: 7 }, 'view_unmasked'],
    });
    expect(detail.village).toEqual({ code: '511025100203', name: '红光村', level: 'village' });
    expect(detail.income.per_capita_net).toBe(4716.67);
    expect(detail.eligible_to_exit).toBe(false);
    expect(detail.criteria[0]).toEqual({ rule: 'household.income_above_line', name: { zh: '收入超过扶贫标准', en: 'income' }, pass: true, reason: { zh: '高于', en: 'above' } });
    expect(detail.criteria[1].reason.zh).toBe('危房');
    expect(detail.procedures[0]).toMatchObject({ id: 7, version: 3, steps: [{ step: 'village_proposal', actor: '王五' }] });
    expect(detail.actions).toEqual([{ name: 'record_step' }, { name: 'reject', procedure_id: 7 }, { name: 'view_unmasked' }]);
    expect(detail.version).toBe(5);
  });
});
