import { describe, expect, it } from 'vitest';
import { normalizeHouseholdDetail, normalizeHouseholdSummary, normalizeProcedure } from '../households';

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

  it('reads a procedure as the procedure routes and the household page send it', () => {
    // POST /procedures/{pid}/steps, GET /procedures/{pid}
    const full = normalizeProcedure({
      id: 1,
      kind: 'household_exit',
      kind_zh: '贫困户退出',
      kind_en: 'household exit',
      state: 'democratic_reviewed',
      state_zh: '已民主评议',
      state_en: 'democratically reviewed',
      outcome: 'open',
      closed_at: null,
      opened_at: '2020-06-01',
      version: 2,
      next_steps: [{ step: 'household_confirm', name_zh: '农户认可', name_en: 'household confirms' }],
      steps: [
        { seq: 1, step: 'propose', name_zh: '村提名', name_en: 'village proposal', actor: 'user:town', date: '2020-06-01', note: 'x' },
      ],
    });
    expect(full).toMatchObject({
      kind: 'household_exit',
      kind_name: { zh: '贫困户退出', en: 'household exit' },
      state_name: { zh: '已民主评议', en: 'democratically reviewed' },
      closed_at: '',
      next_steps: ['household_confirm'],
      step_names: { household_confirm: { zh: '农户认可', en: 'household confirms' } },
      steps: [{ step: 'propose', name: { zh: '村提名', en: 'village proposal' }, actor: 'town' }],
    });
    // GET /households/{id}: next steps as {code, name: {zh, en}}, steps left out
    const summary = normalizeProcedure({
      id: 1,
      kind: 'household_exit',
      state: 'proposed',
      next_steps: [{ code: 'democratic_review', name: { zh: '民主评议', en: 'democratic review' } }],
      steps: [],
    });
    expect(summary.next_steps).toEqual(['democratic_review']);
    expect(summary.step_names).toEqual({ democratic_review: { zh: '民主评议', en: 'democratic review' } });
    expect(summary.kind_name).toBeNull();
    expect(normalizeProcedure({ next_steps: ['town_review'] }).next_steps).toEqual(['town_review']);
  });

  it('reads the registry history rows of a household', () => {
    const detail = normalizeHouseholdDetail({
      id: 'h1',
      history: [{ actor: 'demo', changed_at: '2026-11-30T05:32:23.294Z', source: 'demo:511025:seed1', version: 1 }],
    });
    expect(detail.history).toEqual([
      { at: '2026-11-30T05:32:23.294Z', actor: 'demo', action: '', note: 'demo:511025:seed1', version: 1 },
    ]);
  });
});
