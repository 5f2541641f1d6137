// Works and periodical titles (src/domain/works.ts) and rankings with ties (src/domain/ranking.ts).
// Every expected value is written out by hand.
import { describe, expect, test } from 'vitest';
import { groupWorks, isbnKey, normaliseAuthor, normaliseTitle, periodicalKey, periodicalTitle, workKey } from '../../src/domain/works';
import { ranksOf, topWithTies } from '../../src/domain/ranking';

describe('normaliseTitle', () => {
  test.each([
    ['宝葫芦的秘密（注音版）', '宝葫芦的秘密'],
    ['《宝葫芦的秘密》', '宝葫芦的秘密'],
    ['宝葫芦的秘密 彩图注音版', '宝葫芦的秘密'],
    ['新华字典（第12版）', '新华字典'],
    ['昆虫记（修订本）', '昆虫记'],
    ['Charlotte\'s Web', 'charlottesweb'],
    ['ＡＢＣ 童话', 'abc童话'], // full-width letters folded
    ['米小圈上学记（第3册）', '米小圈上学记第3册'], // a volume is another book
    ['日记本', '日记本'], // 本 alone is not an edition marker
  ])('%s → %s', (raw, want) => expect(normaliseTitle(raw)).toBe(want));
});

describe('normaliseAuthor', () => {
  test.each([
    ['张天翼 著', '张天翼'],
    ['张天翼著', '张天翼'],
    ['[美] E.B.怀特 著；任溶溶 译', 'e.b.怀特'],
    ['（英）J.K.罗琳', 'j.k.罗琳'],
    ['曹文轩、王小明 主编', '曹文轩'],
    ['', ''],
  ])('%s → %s', (raw, want) => expect(normaliseAuthor(raw)).toBe(want));
});

describe('isbnKey and workKey', () => {
  test('ISBN-13 with hyphens, ISBN-10 converted (check digit recomputed), junk ignored', () => {
    expect(isbnKey('978-7-5007-1234-5')).toBe('9787500712345');
    // ISBN-10 7-02-000220-X: 978 + 702000220 + check. Weights 1,3,1,3…: 9+21+8+21+0+6+0+0+0+6+2+0 = 73 → 10 - 3 = 7
    expect(isbnKey('7-02-000220-X')).toBe('9787020002207');
    expect(isbnKey('无')).toBe('');
    expect(isbnKey(undefined)).toBe('');
  });
  test('ISBN digits where present, else normalised title and author', () => {
    expect(workKey({ isbn: '978-7-5007-1234-5', title: '任何题名', author: '某' })).toBe('#9787500712345');
    expect(workKey({ isbn: '', title: '宝葫芦的秘密（注音版）', author: '张天翼 著' })).toBe('宝葫芦的秘密|张天翼');
    expect(workKey({ title: '《宝葫芦的秘密》', author: '张天翼' })).toBe('宝葫芦的秘密|张天翼');
  });
});

describe('groupWorks', () => {
  test('copies sharing an ISBN, or a normalised title and author, are one work', () => {
    const items = [
      { isbn: '9787000000011', title: '宝葫芦的秘密', author: '张天翼' }, // work 0
      { isbn: '9787000000011', title: '宝葫芦的秘密', author: '张天翼' }, // same ISBN → 0
      { isbn: '9787000000028', title: '宝葫芦的秘密（注音版）', author: '张天翼 著' }, // other ISBN, same work → 0
      { isbn: '9787000000035', title: '草房子', author: '曹文轩' }, // work 1
      { isbn: '9787000000042', title: '草房子', author: '曹文轩' }, // second edition of it → 1
      { isbn: '', title: '草房子', author: '曹文轩' }, // no ISBN, same title and author → 1
      { isbn: '9787000000059', title: '草房子', author: '另一位作者' }, // another author: work 2
      { isbn: '9787000000035', title: '草房子 典藏版', author: '' }, // no author, but the ISBN of work 1 → 1
      { isbn: '', title: '', author: '' }, // nothing to match: work 3
    ];
    const g = groupWorks(items);
    expect(g.workOf).toEqual([0, 0, 0, 1, 1, 1, 2, 1, 3]);
    expect(g.count).toBe(4);
  });
  test('a bridge joins two groups that met late (ISBN of one, title of the other)', () => {
    const g = groupWorks([
      { isbn: '9787000000011', title: '甲', author: 'A' },
      { isbn: '9787000000028', title: '乙', author: 'B' },
      { isbn: '9787000000028', title: '甲', author: 'A' }, // ISBN of 乙 and title of 甲: all three one work
    ]);
    expect(g.count).toBe(1);
    expect(g.workOf).toEqual([0, 0, 0]);
  });
});

describe('periodicalTitle', () => {
  test.each([
    ['儿童文学（2026年第4期）', '儿童文学'],
    ['儿童文学 第5期', '儿童文学'],
    ['儿童文学2026.04', '儿童文学'],
    ['儿童文学 2026-04', '儿童文学'],
    ['少年文艺 2026年4月号', '少年文艺'],
    ['故事大王·2026年第10期', '故事大王'],
    ['我们爱科学 4月上半月刊', '我们爱科学'],
    ['National Geographic Kids No.5', 'National Geographic Kids'],
    ['Highlights Vol.3 No.2', 'Highlights'],
    ['知音漫客（总第123期）', '知音漫客'],
    ['十万个为什么', '十万个为什么'],
    ['2026', '2026'], // never stripped to nothing
  ])('%s → %s', (title, want) => expect(periodicalTitle({ title })).toBe(want));
  test('the 刊名 column wins where filled', () => {
    expect(periodicalTitle({ title: '儿童文学（2026年第4期）', periodical: '儿童文学（少年版）' })).toBe('儿童文学（少年版）');
    expect(periodicalTitle({ title: '儿童文学（2026年第4期）', periodical: '  ' })).toBe('儿童文学');
  });
  test('five periodicals taken over several issues are five titles', () => {
    const issues = [
      '儿童文学（2026年第4期）', '儿童文学（2026年第5期）', '儿童文学 第6期',
      '少年文艺（2026年第4期）', '少年文艺 2026.05',
      '我们爱科学（2026年第1期）',
      '故事大王（2026年第2期）', '故事大王（2026年第3期）',
      '中国少年报 2026-04',
    ];
    // by hand: 儿童文学, 少年文艺, 我们爱科学, 故事大王, 中国少年报 = 5
    expect(new Set(issues.map((title) => periodicalKey({ title }))).size).toBe(5);
  });
});

describe('topWithTies', () => {
  const people = [
    { name: 'A', n: 3 }, { name: 'B', n: 5 }, { name: 'C', n: 3 }, { name: 'D', n: 1 }, { name: 'E', n: 3 }, { name: 'F', n: 4 },
  ];
  test('ties at the cut are kept', () => {
    // sorted: B5, F4, A3, C3, E3, D1; the 3rd has 3 → A, C, E all kept (5 names for n = 3)
    expect(topWithTies(people, 3, (p) => p.n).map((p) => p.name)).toEqual(['B', 'F', 'A', 'C', 'E']);
  });
  test('no tie at the cut: exactly n', () => {
    expect(topWithTies(people, 2, (p) => p.n).map((p) => p.name)).toEqual(['B', 'F']);
  });
  test('a tie-break orders equal scores; n beyond the list or ≤ 0', () => {
    const byNameDesc = (a: { name: string }, b: { name: string }) => (a.name < b.name ? 1 : -1);
    expect(topWithTies(people, 3, (p) => p.n, byNameDesc).map((p) => p.name)).toEqual(['B', 'F', 'E', 'C', 'A']);
    expect(topWithTies(people, 10, (p) => p.n)).toHaveLength(6);
    expect(topWithTies(people, 0, (p) => p.n)).toEqual([]);
  });
  test('competition ranks', () => {
    const top = topWithTies(people, 6, (p) => p.n);
    expect(ranksOf(top, (p) => p.n)).toEqual([1, 2, 3, 3, 3, 6]);
  });
});
