import { describe, expect, it } from 'vitest';
import { addDays, groupByWeek, weekday, weekStart } from '../week';

describe('meeting weeks', () => {
  it('starts weeks on Monday', () => {
    expect(weekStart('2020-10-20')).toBe('2020-10-19'); // a Tuesday
    expect(weekStart('2020-10-19')).toBe('2020-10-19');
    expect(weekStart('2020-10-25')).toBe('2020-10-19'); // Sunday
    expect(weekStart('2020-11-01')).toBe('2020-10-26');
    expect(weekday('2020-10-19')).toBe(0);
    expect(weekday('2020-10-25')).toBe(6);
  });

  it('adds days across months and years', () => {
    expect(addDays('2020-10-31', 1)).toBe('2020-11-01');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });

  it('groups by week in date order', () => {
    const groups = groupByWeek([{ date: '2020-10-27' }, { date: '2020-10-20' }, { date: '2020-10-19' }, { date: '2020-10-26' }]);
    expect(groups.map((g) => [g.week, g.items.map((i) => i.date)])).toEqual([
      ['2020-10-19', ['2020-10-19', '2020-10-20']],
      ['2020-10-26', ['2020-10-26', '2020-10-27']],
    ]);
  });
});
