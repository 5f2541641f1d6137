// Issue 17's pure pieces: the 中图法 helper's keywords, one call-number rule for the workbench and imports,
// Google Books' answer read, and what an import says in words (leading zeros, a title line, the form's limits).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callNumbering, checkClassNo, searchClc } from '../../src/domain/collection/clc';
import { CLC_ENTRIES } from '../../src/domain/collection/clc-data';
import { parseGoogleBooks } from '../../src/domain/collection/newbooks';
import { validateImport } from '../../src/domain/importing';
import { DEFAULT_ITEM_PATTERN, DEFAULT_READER_PATTERN } from '../../src/domain/settings';
import type { Item } from '../../src/domain/types';
import { t } from '../../src/i18n/catalog';

describe('the 中图法 helper knows what a primary library holds', () => {
  it.each([
    ['恐龙', 'Q915.864'], ['成语', 'H136.31'], ['神话', 'I277'], ['作文', 'G624.24'], ['科幻', 'I287.45'],
    ['图画书', 'I287.8'], ['绘本', 'I287.8'], ['注音', 'I287.7'], ['dinosaur', 'Q915.864'], ['picture book', 'I287.8'],
  ])('%s → %s', (word, code) => {
    expect(searchClc(CLC_ENTRIES, word, 8).map((e) => e.code)).toContain(code);
  });
  it('every entry is a well-formed 分类号', () => {
    for (const e of CLC_ENTRIES) expect(checkClassNo(e.code)).toEqual({ ok: true, classNo: e.code });
  });
});

describe('one call-number rule', () => {
  const inUse = () => ['I287.45/4', 'I287.45/12', 'I242.4/1'];
  it('a held ISBN keeps its number in its own class; another class gets the next 种次号 there', () => {
    const n = callNumbering(inUse);
    expect(n('I242.4', '9787020002207', { classNo: 'I242.4', callNo: 'I242.4/1' })).toEqual({ callNo: 'I242.4/1', sameIsbn: true });
    expect(n('H194.5', '9787020002207', { classNo: 'I242.4', callNo: 'I242.4/1' })).toEqual({ callNo: 'H194.5/1', sameIsbn: false });
  });
  it('new titles of one class take 13, 14; a second copy of one of them shares its number', () => {
    const n = callNumbering(inUse);
    expect(n('I287.45', '9787530213087', null).callNo).toBe('I287.45/13');
    expect(n('I287.45', '', null).callNo).toBe('I287.45/14');
    expect(n('I287.45', '9787530213087', null)).toEqual({ callNo: 'I287.45/13', sameIsbn: true });
  });
  it('reads the numbers in use only when it gives a new one', () => {
    let reads = 0;
    const n = callNumbering(() => { reads++; return inUse(); });
    n('I242.4', 'x', { classNo: 'I242.4', callNo: 'I242.4/1' });
    expect(reads).toBe(0);
    n('Q96', '', null);
    n('Q96', '', null);
    expect(reads).toBe(1);
  });
});

describe('Google Books', () => {
  const fixture = (f: string) => readFileSync(join(__dirname, '..', 'fixtures', 'googlebooks', f), 'utf8');
  it('takes the first volume’s title, authors, publisher and year; nothing for totalItems 0 or junk', () => {
    expect(parseGoogleBooks('9787544242516', fixture('9787544242516.json'))).toMatchObject({ title: '窗边的小豆豆', author: '黑柳彻子', publisher: '南海出版公司', pubYear: 2003 });
    expect(parseGoogleBooks('9787544242516', fixture('not-found.json'))).toBeNull();
    expect(parseGoogleBooks('9787544242516', '<html>')).toBeNull();
  });
});

describe('an import says what is wrong in words', () => {
  const today = new Date('2026-11-24T10:00:00+08:00');
  const items = (grid: string[][]) => validateImport({ kind: 'items', grid, today, itemPattern: DEFAULT_ITEM_PATTERN, readerPattern: DEFAULT_READER_PATTERN, accessionPrefix: '', accessionWidth: 6 });
  const said = (r: ReturnType<typeof items>, row = 0) => r.rows[row].problems.map((p) => t('zh-CN', p.messageKey, p.params));
  const head = ['登记号', '题名', '分类号', '馆藏地点'];

  it('a 登记号 Excel stripped of its zeros: 前导 0 可能被 Excel 去掉了', () => {
    expect(said(items([head, ['7001', '草房子', 'I287.45', '']]))).toEqual(['「登记号」7001：前导 0 可能被 Excel 去掉了，应为 007001？']);
  });
  it('a key against the desk’s rule is described in words, never as the regular expression', () => {
    const r = validateImport({ kind: 'readers', grid: [['证号', '姓名', '读者类型'], ['X12', '张三', '教师']], today, readerPattern: DEFAULT_READER_PATTERN, itemPattern: DEFAULT_ITEM_PATTERN });
    const m = r.rows[0].problems.map((p) => t('zh-CN', p.messageKey, p.params));
    expect(m).toEqual(['「证号」X12 不是借书证号：默认规则是 S（学生）或 T（教师）加 4–8 位数字，如 S20220001']);
    expect(m.join()).not.toMatch(/\^|\\d|\{4/);
  });
  it('a title line above the header is one message for the file', () => {
    const r = validateImport({ kind: 'readers', grid: [['二年级转入学生名单（2026年12月）'], ['证号', '姓名'], ['S20260001', '张三']], today });
    expect(r.rows).toEqual([]);
    expect(r.fileProblem).toEqual({ messageKey: 'domain.import.notHeader', params: { row: 1, columns: '证号、姓名', headerAt: 2 } });
  });
  it('checks what the workbench checks: a title of at most 300, a 分类号 of the right form, a location of at most 100', () => {
    const r = items([head, ['007001', '长'.repeat(301), 'I2874.5', '楼'.repeat(101)]]);
    const m = said(r);
    expect(m).toHaveLength(3);
    expect(m[0]).toContain('题名太长（最多 300 个字）');
    expect(m[1]).toContain('馆藏地点太长（最多 100 个字）');
    expect(m[2]).toContain('分类号「I2874.5」不是中图法分类号');
    // a 分类号 is stored in the form the workbench stores it
    expect((items([head, ['007002', '书', 'ｉ287.45', '']]).rows[0].record as Item).classNo).toBe('I287.45');
  });
});
