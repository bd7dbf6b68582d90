import { describe, expect, it } from 'vitest';
import { causesRows, failuresRows } from '../chart-options';

describe('dashboard chart rows', () => {
  it('names failing criteria in Chinese, in the profile order, without zero counts', () => {
    expect(
      failuresRows({ 'household.safe_housing': 47, 'household.income_above_line': 2527, 'household.food': 0 }),
    ).toEqual([
      { rule: 'household.income_above_line', name: '收入', count: 2527 },
      { rule: 'household.safe_housing', name: '住房安全', count: 47 },
    ]);
  });

  it('names causes in Chinese and leaves out "none"', () => {
    expect(causesRows({ skills: 4000, illness: 6000, none: 3 })).toEqual([
      { code: 'illness', name: '因病', count: 6000 },
      { code: 'skills', name: '缺技术', count: 4000 },
    ]);
  });
});
