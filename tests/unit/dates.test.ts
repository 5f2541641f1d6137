import { describe, expect, test } from 'vitest';
import {
  addDays, cellToDay, dayOf, daysBetween, endOfDay, isoWeekday, minuteOfDay, parseClockRange, serialToDay, stamp, startOfDay, weekdayOf,
} from '../../src/domain/dates';

describe('dates in the school time zone', () => {
  test('the local day of an instant depends on the zone', () => {
    const t = new Date('2026-11-23T17:30:00Z'); // 01:30 on the 24th in Shanghai
    expect(dayOf(t, 'Asia/Shanghai')).toBe('2026-11-24');
    expect(dayOf(t, 'UTC')).toBe('2026-11-23');
    expect(dayOf(t, 'America/New_York')).toBe('2026-11-23');
    expect(minuteOfDay(t, 'Asia/Shanghai')).toBe(90);
  });
  test('local midnight and end of day round-trip', () => {
    expect(startOfDay('2026-10-01', 'Asia/Shanghai').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(endOfDay('2026-10-01', 'Asia/Shanghai').toISOString()).toBe('2026-10-01T15:59:59.999Z');
    // across a DST change: New York, 2026-03-08 is 23 hours long
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(dayOf(endOfDay('2026-03-08', 'America/New_York'), 'America/New_York')).toBe('2026-03-08');
  });
  test('weekday, add days, days between', () => {
    expect(isoWeekday('2026-09-01')).toBe(2);
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(weekdayOf(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe(1); // Monday 00:30 in Shanghai
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-09-01', '2027-01-22')).toBe(143);
  });
  test('cells to days: Date, serial, text forms; bad text is null', () => {
    expect(cellToDay(new Date('2026-08-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-09-01');
    expect(cellToDay(46266)).toBe('2026-09-01');
    expect(serialToDay(1)).toBe('1899-12-31');
    expect(cellToDay('2026-9-1')).toBe('2026-09-01');
    expect(cellToDay('2026/09/01')).toBe('2026-09-01');
    expect(cellToDay('2026.9.1')).toBe('2026-09-01');
    expect(cellToDay('2026年9月1日')).toBe('2026-09-01');
    expect(cellToDay('2026-02-30')).toBeNull();
    expect(cellToDay('九月一日')).toBeNull();
    expect(cellToDay(true)).toBeNull();
  });
  test('clock ranges and stamps', () => {
    expect(parseClockRange('12:10-13:00')).toEqual({ start: 730, end: 780 });
    expect(parseClockRange('12：10——13：00')).toEqual({ start: 730, end: 780 });
    expect(parseClockRange('13:00-12:10')).toBeNull();
    expect(stamp(new Date('2026-11-24T01:30:15Z'), 'Asia/Shanghai')).toBe('20261124-093015');
  });
});
