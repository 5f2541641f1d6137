// The pure rules of new-book registration, with hand-worked expectations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASIC_CLASSES, T_SECOND_LETTERS, callNumber, checkClassNo, mainClass, nextSeq, searchClc } from '../../src/domain/collection/clc';
import { CLC_ENTRIES } from '../../src/domain/collection/clc-data';
import { accessionNumber, firstFree, formatAccession, newBooksOfWeek, parseOpenLibrary, planAccessions } from '../../src/domain/collection/newbooks';
import { mondayOf as weekStart } from '../../src/domain/documents/common';
import { batchLine, nextBatchNo } from '../../src/domain/importing';
import { DEFAULT_ITEM_PATTERN } from '../../src/domain/settings';
import type { Item } from '../../src/domain/types';

describe('分类号', () => {
  it('accepts well-formed class numbers, normalising full-width input', () => {
    for (const ok of ['I287.45', 'G623.2', 'Q96', 'TP312', 'Z228.1', 'O1-49', 'K837.12=533', 'I561.84(4)', 'H1', 'A']) {
      expect(checkClassNo(ok)).toEqual({ ok: true, classNo: ok });
    }
    expect(checkClassNo(' ｉ２８７．４５ ')).toEqual({ ok: true, classNo: 'I287.45' });
  });
  it('refuses with the reason', () => {
    expect(checkClassNo('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkClassNo('L12')).toMatchObject({ ok: false, problem: 'basicClass', at: 'L' });
    expect(checkClassNo('W1')).toMatchObject({ problem: 'basicClass' });
    expect(checkClassNo('TA12')).toMatchObject({ problem: 'tClass', at: 'TA' });
    expect(checkClassNo('IP287')).toMatchObject({ problem: 'chars', at: 'IP' });
    expect(checkClassNo('I2874.5')).toMatchObject({ problem: 'point', at: '2874.5' });
    expect(checkClassNo('I28.7')).toMatchObject({ problem: 'point' });
    expect(checkClassNo('I287.')).toMatchObject({ problem: 'point' });
    expect(checkClassNo('I287.4.5')).toMatchObject({ problem: 'point' });
    expect(checkClassNo('I287#4')).toMatchObject({ problem: 'chars', at: '#' });
  });
  it('main class and the data file agree with the letters the server checks', () => {
    expect(mainClass('TP312')).toBe('T');
    expect(mainClass('i287')).toBe('I');
    expect(CLC_ENTRIES.filter((e) => e.basic).map((e) => e.code).join('')).toBe(BASIC_CLASSES);
    expect(CLC_ENTRIES.filter((e) => /^T[A-Z]$/.test(e.code)).map((e) => e.code[1]).join('')).toBe(T_SECOND_LETTERS);
    for (const e of CLC_ENTRIES) expect(checkClassNo(e.code).ok, e.code).toBe(true);
  });
  it('searches by code prefix and by name', () => {
    expect(searchClc(CLC_ENTRIES, 'i287.4').map((e) => e.code)).toEqual(['I287.4', 'I287.45']);
    expect(searchClc(CLC_ENTRIES, '连环画').map((e) => e.code)).toContain('J228');
    expect(searchClc(CLC_ENTRIES, 'popular science').map((e) => e.code)).toEqual(expect.arrayContaining(['N49', 'Z228.1']));
    expect(searchClc(CLC_ENTRIES, '')).toHaveLength(20);
  });
});

describe('索书号', () => {
  it('the next 种次号 is one more than the highest of that class only', () => {
    expect(nextSeq('I287.45', ['I287.45/3', 'I287.45/12', 'I287.4/40', 'I287.45/2:1', ''])).toBe(13);
    expect(nextSeq('Q96', [])).toBe(1);
    expect(callNumber('Q96', 1)).toBe('Q96/1');
  });
});

describe('登记号', () => {
  it('formats, reads back, and continues after the highest in use', () => {
    expect(formatAccession('', 6, 108)).toBe('000108');
    expect(formatAccession('B', 6, 41)).toBe('B000041');
    expect(accessionNumber('B', 'B000041')).toBe(41);
    expect(accessionNumber('B', '000041')).toBeNull();
    expect(firstFree('', ['000101', '000107', 'B000900', 'x'])).toBe(108);
  });
  it('plans N numbers, skipping those taken, and refuses what the desk could not scan', () => {
    expect(planAccessions('', 6, 41, 3, new Set(['000042']), DEFAULT_ITEM_PATTERN)).toEqual({ ok: true, barcodes: ['000041', '000043', '000044'], next: 45 });
    expect(planAccessions('S', 6, 1, 1, new Set(), DEFAULT_ITEM_PATTERN)).toMatchObject({ ok: false, problem: 'pattern' });
    expect(planAccessions('', 4, 9999, 2, new Set(), '^\\d{4,8}$')).toMatchObject({ ok: false, problem: 'width', example: '10000' });
  });
});

describe('Open Library, batches, 新书通报', () => {
  it('reads the recorded Books API answer', () => {
    const json = readFileSync(join(__dirname, '..', 'fixtures', 'openlibrary', '9780140328721.json'), 'utf8');
    expect(parseOpenLibrary('9780140328721', json)).toMatchObject({ title: 'Fantastic Mr. Fox', author: 'Roald Dahl', publisher: 'Puffin', pubYear: 1988 });
    expect(parseOpenLibrary('9780140328721', '{}')).toBeNull();
    expect(parseOpenLibrary('9780140328721', '<html>')).toBeNull();
  });
  it('a batch line counts titles by ISBN (else title), copies, and the sum of prices to the cent', () => {
    expect(batchLine([
      { isbn: '1', title: 'a', price: 10.1 }, { isbn: '1', title: 'a', price: 10.1 }, { isbn: '', title: 'b', price: 0.2 }, { isbn: '', title: 'b', price: null },
    ])).toEqual({ titles: 2, copies: 4, amount: 20.4 });
    expect(nextBatchNo('2026-11-24', new Set(['P2026112401']))).toBe('P2026112402');
  });
  it('a batch closed at the workbench counts titles as an imported one does: ISBN digits, else title and author', () => {
    // 《西游记》 by two authors (an abridged edition) are two titles; one ISBN written with and without hyphens is one.
    expect(batchLine([
      { isbn: '', title: '西游记', author: '吴承恩', price: 30 }, { isbn: '', title: '西游记', author: '张三', price: 12.5 },
    ])).toEqual({ titles: 2, copies: 2, amount: 42.5 });
    expect(batchLine([
      { isbn: '978-7-02-000220-7', title: '红楼梦', author: '曹雪芹', price: 40 }, { isbn: '9787020002207', title: '红楼梦', author: '曹雪芹', price: 40 },
    ])).toEqual({ titles: 1, copies: 2, amount: 80 });
  });
  it('新书通报: the week from Monday, one line per title, lost and withdrawn left out', () => {
    expect(weekStart('2026-11-24')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    const d = (s: string) => new Date(`${s}T00:00:00+08:00`);
    const it = (barcode: string, isbn: string, title: string, addedOn: string, status: Item['status'] = 'available'): Item => ({
      barcode, isbn, title, author: '', publisher: '', pubYear: null, classNo: 'I287', callNo: `I287/${title.length}`, price: 1,
      itemType: 'book', location: '', status, addedOn: d(addedOn), batchNo: '',
    });
    const list = newBooksOfWeek([
      it('1', '9', '草房子', '2026-11-23'), it('2', '9', '草房子', '2026-11-29'), it('3', '', '旧书', '2026-11-22'),
      it('4', '', '丢了', '2026-11-24', 'lost'), it('5', '', '新', '2026-11-30'),
    ], '2026-11-23', 'Asia/Shanghai');
    expect(list.map((x) => [x.title, x.copies])).toEqual([['草房子', 2]]);
  });
});
