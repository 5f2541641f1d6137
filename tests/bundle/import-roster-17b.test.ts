// Issue 17 point 6 (17b): a whole roster imported again previews a diff (new readers; changed class, grade,
// e-mail; readers the roster no longer names) and applies it, idempotent; 离校 only when confirmed; the
// preview shows type, grade and class and says when a 年级 like 「一」 was read as 1.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, smallSchool, snapshot } from '../support/library';

interface Row { row: number; ok: boolean; key: string; type?: string; grade?: number | null; className?: string; change?: string; notes?: string[]; problems: string[] }
interface Roster { added: number; changedCount: number; unchanged: number; missingCount: number; changed: { readerId: string; fields: { label: string; from: string; to: string }[] }[]; missing: { readerId: string; name: string }[] }
interface Preview { ok: boolean; token: string; valid: number; invalid: number; rows: Row[]; roster: Roster; newClasses: string[]; error?: { message: string } }
interface Done { ok: boolean; written: number; updated: number; left: number; message: string }

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});

// the school's September roster: 张小明 moved to 四年级(2)班 with an e-mail; 李小红 unchanged; 王五 new (年级 「一」);
// 赵毕业 (毕业) and T0001 (a teacher) are not named; nobody else is 在读 and a student.
const CSV = [
  '证号,姓名,读者类型,年级,班级,邮箱',
  'S0001,张小明,学生,4,四年级(2)班,zxm@home.example',
  'S0002,李小红,学生,3,三年级(2)班,',
  'S0099,王五,学生,一,一年级(1)班,',
].join('\n');

describe('roster import updates (issue 17 point 6)', () => {
  it('previews the diff with type, grade and class, and the 年级 read as a number; writes nothing', () => {
    const before = snapshot(rt);
    const p = call<Preview>(rt, 'previewImport', { kind: 'readers', csv: CSV });
    expect(p.ok).toBe(true);
    expect(p.invalid).toBe(0);
    expect(p.rows.map((r) => [r.key, r.change, r.type, r.grade, r.className])).toEqual([
      ['S0001', 'update', '学生', 4, '四年级(2)班'], ['S0002', 'update', '学生', 3, '三年级(2)班'], ['S0099', 'new', '学生', 1, '一年级(1)班'],
    ]);
    expect(p.rows[2].notes).toEqual(['年级「一」读作 1']);
    expect(p.rows[0].notes).toEqual([]);
    expect(p.roster).toMatchObject({ added: 1, changedCount: 1, unchanged: 1, missingCount: 0 });
    expect(p.roster.changed).toEqual([{ readerId: 'S0001', name: '张小明', fields: [
      { label: '班级', from: '四年级(1)班', to: '四年级(2)班' }, { label: '邮箱', from: '', to: 'zxm@home.example' },
    ] }]);
    expect(snapshot(rt)).toBe(before);
  });

  it('applies it; the same roster again changes nothing', () => {
    const p = call<Preview>(rt, 'previewImport', { kind: 'readers', csv: CSV });
    const d = call<Done>(rt, 'confirmImport', { kind: 'readers', csv: CSV, token: p.token });
    expect(d.ok).toBe(true);
    expect(d.message).toBe('名单已更新：新增 1 人，修改 1 人，0 人记为离校。');
    const readers = rows(rt, '读者');
    expect(readers.map((r) => r['证号'])).toEqual(['S0001', 'S0002', 'S0003', 'T0001', 'S0099']);
    expect(readers[0]).toMatchObject({ 姓名: '张小明', 班级: '四年级(2)班', 邮箱: 'zxm@home.example', 年级: 4, 状态: '在读' });
    expect(readers[4]).toMatchObject({ 姓名: '王五', 班级: '一年级(1)班', 年级: 1, 状态: '在读' });
    expect(rows(rt, '班级').map((c) => c['班级'])).toEqual(expect.arrayContaining(['四年级(2)班', '一年级(1)班']));
    const after = snapshot(rt);
    const again = call<Preview>(rt, 'previewImport', { kind: 'readers', csv: CSV });
    expect(again.roster).toMatchObject({ added: 0, changedCount: 0, unchanged: 3, missingCount: 0 });
    const d2 = call<Done>(rt, 'confirmImport', { kind: 'readers', csv: CSV, token: again.token });
    expect(d2).toMatchObject({ ok: true, written: 0, updated: 0, left: 0 });
    expect(snapshot(rt)).toBe(after);
  });

  it('readers the roster no longer names become 离校 only when confirmed; teachers are not touched by a student roster', () => {
    const short = ['证号,姓名,读者类型,年级,班级', 'S0001,张小明,学生,4,四年级(1)班'].join('\n');
    const p = call<Preview>(rt, 'previewImport', { kind: 'readers', csv: short });
    expect(p.roster.missingCount).toBe(1);
    expect(p.roster.missing).toEqual([{ readerId: 'S0002', name: '李小红', className: '三年级(2)班', type: '学生' }]);
    const kept = call<Done>(rt, 'confirmImport', { kind: 'readers', csv: short, token: p.token });
    expect(kept.left).toBe(0);
    expect(rows(rt, '读者').find((r) => r['证号'] === 'S0002')!['状态']).toBe('在读');
    const d = call<Done>(rt, 'confirmImport', { kind: 'readers', csv: short, token: p.token, markLeft: true });
    expect(d).toMatchObject({ ok: true, left: 1 });
    const readers = rows(rt, '读者');
    expect(readers.find((r) => r['证号'] === 'S0002')!['状态']).toBe('离校');
    expect(readers.find((r) => r['证号'] === 'T0001')!['状态']).toBe('在读');
    expect(readers.find((r) => r['证号'] === 'S0003')!['状态']).toBe('毕业');
    expect(call<Preview>(rt, 'previewImport', { kind: 'readers', csv: short }).roster.missingCount).toBe(0);
  });

  it('a column the file lacks is never blanked; English labels in English', () => {
    call(rt, 'confirmImport', { kind: 'readers', csv: CSV, token: call<Preview>(rt, 'previewImport', { kind: 'readers', csv: CSV }).token });
    const noMail = ['证号,姓名,年级,班级', 'S0001,张小明,4,四年级(3)班'].join('\n');
    const p = rt.invokeAs<Preview>({ locale: 'en' }, 'previewImport', { kind: 'readers', csv: noMail }).result;
    expect(p.roster.changed).toEqual([{ readerId: 'S0001', name: '张小明', fields: [{ label: 'Class', from: '四年级(2)班', to: '四年级(3)班' }] }]);
    expect(p.rows[0].type).toBe('Student');
    call(rt, 'confirmImport', { kind: 'readers', csv: noMail, token: p.token });
    expect(rows(rt, '读者')[0]).toMatchObject({ 班级: '四年级(3)班', 邮箱: 'zxm@home.example' });
  });
});
