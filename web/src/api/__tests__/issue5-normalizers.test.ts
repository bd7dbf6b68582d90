// The normalisers of the issue-5 answers: the server's shapes (notes/api-contract.md,
// docs/api.md) become the typed values the pages read, with labels from *_zh/_en.
import { describe, expect, it } from 'vitest';
import { normalizeCoverage, normalizeStructure } from '../structure';
import { normalizeCompliance, normalizeVisit } from '../visits';
import { normalizeMeeting, normalizeTask } from '../worklists';

describe('structure and coverage', () => {
  it('reads a village node with holders, own gaps and groups', () => {
    const n = normalizeStructure({
      node: { code: '511025100216', name: '文峰村委会', level: 'village', poor_village: true },
      date: '2020-10-20',
      assignments: [
        { id: 24, kind: 'village_unit', kind_zh: '帮扶单位包村', kind_en: 'helping unit', holder: { type: 'unit', id: '511025-D02', name: '县委组织部', unit_name: '县委组织部' }, target: '511025100216', date_from: '2019-01-01', date_to: '' },
      ],
      gaps: ['village_without_work_team'],
      children: [{ type: 'group', code: '511025100216', group: '7组', name: '7组', holder: null, gaps: 1 }],
    });
    expect(n.node).toMatchObject({ level: 'village', poor_village: true });
    expect(n.assignments[0].kind).toEqual({ code: 'village_unit', zh: '帮扶单位包村', en: 'helping unit' });
    expect(n.assignments[0].holder).toMatchObject({ type: 'unit', id: '511025-D02' });
    expect(n.gaps).toEqual(['village_without_work_team']);
    expect(n.children[0]).toMatchObject({ type: 'group', group: '7组', holder: null, gaps: 1 });
  });

  it('reads the coverage counts, gap lists and kinds; a kind without a name still gets a row', () => {
    const c = normalizeCoverage({
      region: '511025000000',
      name: '资中县',
      date: '2020-10-20',
      total: { households: 22997, households_without_cadre: 237, gaps: 239 },
      children: [{ region: '511025100000', name: '重龙镇', counts: { households: 901, households_without_cadre: 9 } }],
      gaps: { household_without_cadre: [{ region: '511025100216', target: '5110251002160009', name: '邹世山' }], group_without_leader: [] },
      gap_kinds: [{ code: 'household_without_cadre', zh: '户无帮扶责任人', en: 'household without cadre' }],
      max_households_per_cadre: 5,
      overloaded_cadres: [{ cadre_id: '511025-R00032', name: '张华', households: 6 }],
    });
    expect(c.total.households_without_cadre).toBe(237);
    expect(c.total.towns).toBe(0);
    expect(c.children[0].counts.households).toBe(901);
    expect(c.gaps.household_without_cadre[0].target).toBe('5110251002160009');
    expect(c.gap_kinds.map((k) => k.code)).toEqual(['household_without_cadre', 'group_without_leader']);
    expect(c.overloaded_cadres[0]).toEqual({ cadre_id: '511025-R00032', name: '张华', households: 6 });
  });
});

describe('visits and compliance', () => {
  it('reads a visit with its labels and builds the photo URL when the server gives none', () => {
    const v = normalizeVisit({
      id: 7,
      client_id: 'c-1',
      household_id: '5110251002160007',
      cadre: { id: 'R1', name: '张华' },
      date: '2020-10-20',
      time: '09:30',
      kind: 'home_visit',
      kind_zh: '入户走访',
      kind_en: 'home visit',
      measures: [{ code: 'industry', zh: '产业帮扶', en: 'industry' }, 'health'],
      problems: [{ id: 3, description: '屋顶漏雨', status: 'open', status_zh: '待整改', status_en: 'open' }],
      location: null,
      photos: [{ sha256: 'ab12', type: 'image/png', size: 99 }],
    });
    expect(v.kind).toEqual({ code: 'home_visit', zh: '入户走访', en: 'home visit' });
    expect(v.measures.map((m) => m.code)).toEqual(['industry', 'health']);
    expect(v.problems[0].status.zh).toBe('待整改');
    expect(v.photos[0].url).toBe('/api/v1/visits/7/photos/ab12');
    expect(v.location).toBeNull();
    expect(v.notes).toBe('');
  });

  it('reads compliance: rate in 0..1, children, units, the idle list', () => {
    const c = normalizeCompliance({
      region: { code: '511025124000', name: '高楼镇', level: 'town' },
      today: '2020-10-20',
      cycle: { help_day: '2020-10-19', start: '2020-10-19', end: '2020-10-20' },
      cycles: ['2020-10-05', '2020-10-19'],
      summary: { cadres: 120, cadres_all_visited: 90, households_due: 500, households_visited: 400, rate: 0.8 },
      children: [{ code: '511025124229', name: '集中村', level: 'village', cadres: 10, households_due: 40, households_visited: 30, rate: 0.75, idle_cadres: 1 }],
      units: [{ id: 'U1', name: '县农业农村局', cadres: 5, households_due: 20, households_visited: 20, rate: 1 }],
      idle: [{ cadre: { id: 'R9', name: '李四' }, unit: { id: 'U1', name: '县农业农村局' }, households: 4, cycles_without_visit: 3, last_visit_date: null }],
      idle_cycles: 2,
    });
    expect(c.summary).toMatchObject({ rate: 0.8, cadres_all_visited: 90 });
    expect(c.children[0].idle_cadres).toBe(1);
    expect(c.idle[0]).toMatchObject({ cycles_without_visit: 3, last_visit_date: null });
    expect(c.idle_cycles).toBe(2);
  });
});

describe('tasks and meetings', () => {
  it('reads a task with its escalation labels; an unknown escalation counts as none', () => {
    const t = normalizeTask({
      id: 3,
      title: '危房改造验收',
      assignee: { type: 'town', id: '511025124000', name: '高楼镇' },
      period: { kind: 'month', label: '2020-10' },
      deadline: '2020-10-15',
      escalation: 'overdue',
      escalation_zh: '逾期',
      escalation_en: 'overdue',
      days_to_deadline: -5,
      status: 'open',
      version: 4,
    });
    expect(t).toMatchObject({ escalation: 'overdue', days_to_deadline: -5, status: 'open', version: 4, source_meeting_id: null });
    expect(t.escalation_name).toEqual({ zh: '逾期', en: 'overdue' });
    expect(normalizeTask({ escalation: 'later' }).escalation).toBe('none');
  });

  it('reads meeting attendance as counts (list) or as people (detail)', () => {
    const listed = normalizeMeeting({ id: 1, kind: 'daily', kind_zh: '每日例会', date: '2020-10-20', status: 'scheduled', attendance: { expected: 8, present: 0 } });
    expect(listed).toMatchObject({ expected_count: 8, present_count: 0, status: 'scheduled' });
    const full = normalizeMeeting({
      id: 2,
      kind: 'weekly_dispatch',
      status: 'held',
      attendance: { expected: [{ cadre_id: 'a', name: '甲' }, { cadre_id: 'b', name: '乙' }], present: [{ cadre_id: 'a', name: '甲' }], absent: [{ cadre_id: 'b', name: '乙' }] },
      decisions: [{ seq: 1, text: '本周清零', task_id: 9 }, { text: '开展暗访', task_id: null }],
    });
    expect(full).toMatchObject({ expected_count: 2, present_count: 1, status: 'held' });
    expect(full.decisions).toEqual([
      { seq: 1, text: '本周清零', task_id: 9 },
      { seq: 2, text: '开展暗访', task_id: null },
    ]);
  });
});
