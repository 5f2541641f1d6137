import { describe, expect, test } from 'vitest';
import {
  isValidIsbn, matchHeader, normalizeClassName, parseCsv, parsePrice, validateImport,
} from '../../src/domain/importing';
import type { Item, Reader } from '../../src/domain/types';

const TZ = 'Asia/Shanghai';
const TODAY = new Date('2026-11-24T02:00:00Z');

describe('parseCsv', () => {
  test('BOM, CRLF, quotes, doubled quotes, newlines in quotes, empty fields', () => {
    const text = '\ufeff证号,姓名,备注\r\nS20260001,"王, 小明","他说""好""\r\n第二行"\r\nS20260002,,\r\n';
    expect(parseCsv(text)).toEqual([
      ['证号', '姓名', '备注'],
      ['S20260001', '王, 小明', '他说"好"\r\n第二行'],
      ['S20260002', '', ''],
    ]);
  });
  test('LF and CR line ends, no final newline, tab-separated paste', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('登记号\t题名\n000001\t草房子, 上\n')).toEqual([['登记号', '题名'], ['000001', '草房子, 上']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('"a\n\nb"')).toEqual([['a\n\nb']]);
  });
});

describe('ISBN checksums', () => {
  test('valid ISBN-13 and ISBN-10, with hyphens or spaces', () => {
    expect(isValidIsbn('978-7-02-000220-7')).toBe(true);
    expect(isValidIsbn('9787020002207')).toBe(true);
    expect(isValidIsbn('978 7 5324 3285 1')).toBe(true);
    expect(isValidIsbn('978 7 5324 3285 6')).toBe(false);
    expect(isValidIsbn('7-02-000220-X')).toBe(true);
    expect(isValidIsbn('7-02-000220-5')).toBe(false);
    expect(isValidIsbn('0-306-40615-2')).toBe(true);
    expect(isValidIsbn('0-8044-2957-X')).toBe(true);
    expect(isValidIsbn('0-8044-2957-x')).toBe(true);
    expect(isValidIsbn('978-7-02-000220-8')).toBe(false);
    expect(isValidIsbn('97870200022')).toBe(false);
  });
});

describe('class names', () => {
  test.each([
    ['三(2)班', '三年级(2)班', 3], ['3年级2班', '三年级(2)班', 3], ['三年级（2）班', '三年级(2)班', 3], ['三年二班', '三年级(2)班', 3],
    ['6年级(12)班', '六年级(12)班', 6], [' 一年级 (1) 班 ', '一年级(1)班', 1], ['4-3', '四年级(3)班', 4], ['五年级十一班', '五年级(11)班', 5],
  ])('%s → %s', (raw, name, grade) => {
    expect(normalizeClassName(raw)).toEqual({ className: name, grade });
  });
  test.each(['七年级(1)班', '三年级', '兴趣班', '', '0年级1班'])('%s is not a class', (raw) => {
    expect(normalizeClassName(raw)).toBeNull();
  });
});

describe('prices and headers', () => {
  test('prices', () => {
    expect(parsePrice('¥12.50')).toBe(12.5);
    expect(parsePrice('￥ 8')).toBe(8);
    expect(parsePrice('25.8元')).toBe(25.8);
    expect(parsePrice(19.999)).toBe(20);
    expect(parsePrice(-1)).toBeNull();
    expect(parsePrice('十元')).toBeNull();
  });
  test('synonyms and both languages', () => {
    const { map, ignored } = matchHeader('items', ['条形码', '书名', '作者', '出版社', '定价', 'ISBN', '备注']);
    expect(map).toEqual({ barcode: 0, title: 1, author: 2, publisher: 3, price: 4, isbn: 5 });
    expect(ignored).toEqual(['备注']);
    expect(matchHeader('readers', ['学号', 'Name', '班级 ', 'E-mail']).map).toEqual({ readerId: 0, name: 1, className: 2, email: 3 });
  });
});

describe('validateImport: readers', () => {
  const header = ['学号', '姓名', '读者类型', '年级', '班级', '邮箱', '状态'];
  const run = (rows: unknown[][], existingKeys = new Set<string>(), existingClasses = new Set<string>()) =>
    validateImport({ kind: 'readers', grid: [header, ...rows], existingKeys, existingClasses, today: TODAY, tz: TZ });

  test('good rows: defaults, normalised classes, grade from the class, new classes', () => {
    const r = run([
      ['S20260001', '王小明', '', '', '一(1)班', '', ''],
      ['S20240002', '李华', '学生', 3, '3年级2班', '', '在读'],
      [20240003, '赵敏', 'Student', '三年级', '三年级（2）班', '', ''],
      ['T0023', '刘老师', '教师', '', '', 't023@school.example', ''],
      ['', '', '', '', '', '', ''],
    ], new Set(), new Set(['一年级(1)班']));
    expect(r.rows.map((x) => [x.row, x.ok, x.key])).toEqual([[2, true, 'S20260001'], [3, true, 'S20240002'], [4, true, '20240003'], [5, true, 'T0023']]);
    expect(r.rows[0].record).toEqual({ readerId: 'S20260001', name: '王小明', readerType: 'student', grade: 1, className: '一年级(1)班', email: '', status: 'active' } satisfies Reader);
    expect((r.rows[3].record as Reader).readerType).toBe('teacher');
    expect(r.newClasses.map((c) => [c.className, c.grade])).toEqual([['三年级(2)班', 3]]);
    expect(r.missingColumns).toEqual([]);
  });

  test('bad rows: each problem named', () => {
    const r = run([
      ['', '无证号', '', 1, '一(1)班', '', ''],
      ['S1', '', '', 1, '一(1)班', '', ''],
      ['S2', '甲', '校长', 1, '一(1)班', '', ''],
      ['S3', '乙', '', 7, '一(1)班', '', ''],
      ['S4', '丙', '', '', '兴趣班', '', ''],
      ['S5', '丁', '', 2, '一(1)班', '', ''],
      ['S6', '戊', '', 1, '一(1)班', 'not-mail', ''],
      ['S7', '己', '', 1, '', '', ''],
      ['S8', '庚', '', 1, '一(1)班', '', '休学'],
      ['S 9', '辛', '', 1, '一(1)班', '', ''],
    ]);
    const keys = r.rows.map((x) => x.problems.map((p) => p.messageKey));
    expect(keys).toEqual([
      ['domain.import.required'],
      ['domain.import.required'],
      ['domain.import.badChoice'],
      ['domain.import.badGrade'],
      ['domain.import.badClass', 'domain.import.required'],
      ['domain.import.gradeMismatch'],
      ['domain.import.badEmail'],
      ['domain.import.required'],
      ['domain.import.badChoice'],
      ['domain.import.badKey'],
    ]);
    // The column is named as the file's header names it (学号 here), not by the workbook's 证号.
    expect(r.rows[0].problems[0].params).toEqual({ column: '学号' });
    expect(r.rows[5].problems[0].params).toEqual({ grade: 2, className: '一年级(1)班' });
    expect(r.rows.every((x) => !x.ok)).toBe(true);
    expect(r.newClasses).toEqual([]);
  });

  test('duplicates within the file and against the workbook', () => {
    const r = run([
      ['S1', '甲', '', 1, '一(1)班', '', ''],
      ['S2', '乙', '', 1, '一(1)班', '', ''],
      ['S1', '丙', '', 1, '一(1)班', '', ''],
    ], new Set(['S2']));
    expect(r.rows.map((x) => x.ok)).toEqual([true, false, false]);
    expect(r.rows[1].problems).toEqual([{ messageKey: 'domain.import.dupExisting', params: { key: 'S2' } }]);
    expect(r.rows[2].problems).toEqual([{ messageKey: 'domain.import.dupInFile', params: { key: 'S1', first: 2 } }]);
  });

  test('a missing required column fails every row and is reported', () => {
    const r = validateImport({ kind: 'readers', grid: [['姓名', '班级'], ['甲', '一(1)班']], today: TODAY, tz: TZ });
    expect(r.missingColumns).toEqual(['证号']);
    expect(r.rows[0].ok).toBe(false);
    expect(r.rows[0].problems[0]).toEqual({ messageKey: 'domain.import.missingColumn', params: { column: '证号' } });
  });
});

describe('validateImport: items', () => {
  const header = ['条码号', 'ISBN', '书名', '作者', '出版社', '出版年', '分类号', '单价', '文献类型', '状态', '入藏日期'];
  const run = (rows: unknown[][], existingKeys = new Set<string>(), existingBatches = new Set<string>()) =>
    validateImport({ kind: 'items', grid: [header, ...rows], existingKeys, existingBatches, today: TODAY, tz: TZ, source: '新华书店' });

  test('good rows and one 总括登记 line', () => {
    const r = run([
      ['000101', '978-7-02-000220-7', '草房子', '曹文轩', '人民文学出版社', 2019, 'I287.45', '¥25.80', '', '', ''],
      ['000102', '9787020002207', '草房子', '曹文轩', '人民文学出版社', '2019年', 'i287.45', 25.8, '普通图书', '在架', '2026/11/20'],
      ['000103', '', '新华字典', '', '商务印书馆', '', 'H163', '20', '工具书', '', new Date('2026-11-01T16:00:00Z')],
      ['000104', '', '儿童文学', '', '', '', '', '', 'Periodical', '', 46350],
    ], new Set(), new Set(['P2026112401']));
    expect(r.rows.map((x) => x.ok)).toEqual([true, true, true, true]);
    const first = r.rows[0].record as Item;
    expect(first).toMatchObject({ barcode: '000101', price: 25.8, pubYear: 2019, itemType: 'book', status: 'available', batchNo: 'P2026112402' });
    expect(first.addedOn?.toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect((r.rows[1].record as Item).classNo).toBe('I287.45');
    expect((r.rows[1].record as Item).addedOn?.toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect((r.rows[2].record as Item).itemType).toBe('reference');
    expect((r.rows[2].record as Item).addedOn?.toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect((r.rows[3].record as Item).addedOn?.toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(r.batch).toMatchObject({ batchNo: 'P2026112402', source: '新华书店', titles: 3, copies: 4, amount: 71.6 });
  });

  test('bad rows: each problem named; bad rows are not in the batch', () => {
    const r = run([
      ['000201', '978-7-02-000220-8', '甲', '', '', '', '', '', '', '', ''],
      ['000202', '', '', '', '', '', '', '', '', '', ''],
      ['000203', '', '乙', '', '', '', '', '-3', '', '', ''],
      ['000204', '', '丙', '', '', '', '', '', '', '', '2026-13-01'],
      ['000205', '', '丁', '', '', '', '', '', '光盘', '', ''],
      ['000206', '', '戊', '', '', '', '', '', '', '借出', ''],
      ['000207', '', '己', '', '', '', 'L123', '', '', '', ''],
      ['000208', '', '庚', '', '', 'abc', '', '', '', '', ''],
      ['000209', '', '辛', '', '', '', '', '12', '', '', ''],
      ['000209', '', '壬', '', '', '', '', '', '', '', ''],
      ['000001', '', '癸', '', '', '', '', '', '', '', ''],
    ], new Set(['000001']));
    expect(r.rows.map((x) => x.problems.map((p) => p.messageKey))).toEqual([
      ['domain.import.badIsbn'],
      ['domain.import.required'],
      ['domain.import.badPrice'],
      ['domain.import.badDate'],
      ['domain.import.badChoice'],
      ['domain.import.onLoanStatus'],
      ['domain.import.badClassNo'],
      ['domain.import.badNumber'],
      [],
      ['domain.import.dupInFile'],
      ['domain.import.dupExisting'],
    ]);
    expect(r.batch).toMatchObject({ copies: 1, titles: 1, amount: 12, batchNo: 'P2026112401' });
  });
});
