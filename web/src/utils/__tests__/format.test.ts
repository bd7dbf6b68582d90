import { afterEach, describe, expect, it } from 'vitest';
import { ageOn, formatCount, formatDateTime, formatMoney, formatPercent, formatYuan, todayIso } from '../format';
import { setLocale } from '@/locales';

afterEach(() => setLocale('zh-CN'));

describe('money', () => {
  it('formats yuan with thousands separators and two decimals', () => {
    expect(formatYuan(4716.67)).toBe('4,716.67 元');
    expect(formatYuan(4000)).toBe('4,000.00 元');
    expect(formatYuan(0)).toBe('0.00 元');
    expect(formatYuan(1234567.891)).toBe('1,234,567.89 元');
    expect(formatYuan(-12.5)).toBe('-12.50 元');
    expect(formatMoney(4716.67)).toBe('4,716.67');
  });

  it('uses the language of the interface for the unit', () => {
    setLocale('en-US');
    expect(formatYuan(4716.67)).toBe('4,716.67 yuan');
  });

  it('shows a dash for a missing amount', () => {
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(undefined)).toBe('—');
    expect(formatYuan(Number.NaN)).toBe('—');
  });
});

describe('counts and percents', () => {
  it('formats counts', () => {
    expect(formatCount(23098)).toBe('23,098');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('—');
  });

  it('formats an incidence percent with two decimals', () => {
    expect(formatPercent(11.75)).toBe('11.75%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(2.5)).toBe('2.50%');
    expect(formatPercent(undefined)).toBe('—');
  });
});

describe('dates', () => {
  it('computes an age in whole years', () => {
    expect(ageOn('1949-12-31', new Date(2020, 11, 30))).toBe(70);
    expect(ageOn('1949-12-31', new Date(2020, 11, 31))).toBe(71);
    expect(ageOn('', new Date())).toBeNull();
  });

  it('writes today as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2020, 5, 1))).toBe('2020-06-01');
  });
});

describe('date and time', () => {
  it('shows an ISO timestamp as local date and time, and leaves anything else alone', () => {
    const at = new Date(2026, 10, 30, 13, 5, 9);
    expect(formatDateTime(at.toISOString())).toBe('2026-11-30 13:05:09');
    expect(formatDateTime('2020-06-01')).toBe('2020-06-01');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('2026-13-45Tnonsense')).toBe('2026-13-45Tnonsense');
  });
});
