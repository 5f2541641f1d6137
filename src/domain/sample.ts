// A deterministic sample school (DESIGN §6): classes, readers, a catalogue in the 规程's class
// proportions, a term of loan history, open loans (some overdue), acquisitions and write-offs.
// Same seed, same today → same school. Lists are kept short: the bundle is small.
import type { ItemType } from './schema';
import type { Acquisition, ClassInfo, HistoryEntry, Item, Loan, Reader, Repair, WriteOff } from './types';
import { addDays, type DayStr, dayOf, DEFAULT_TZ, endOfDay, formatClock, isoWeekday, startOfDay } from './dates';
import { currentOrLastTerm, dueDate, overdueOn, schoolDays } from './calendar';
import { defaultSettings, type LibrarySettings, ruleFor, weekdayLabel } from './settings';
import { GRADE_ZH, isbn13CheckDigit } from './importing';

export type SchoolSize = 'small' | 'medium' | 'large';
export const SCHOOL_SIZES: Record<SchoolSize, { readers: number; items: number; history: number; classes: number }> = {
  small: { readers: 300, items: 5_000, history: 3_000, classes: 12 },
  medium: { readers: 1_200, items: 25_000, history: 30_000, classes: 36 },
  large: { readers: 3_000, items: 80_000, history: 200_000, classes: 100 },
};

export interface SampleSchool {
  classes: ClassInfo[];
  readers: Reader[];
  items: Item[];
  loans: Loan[];
  history: HistoryEntry[];
  acquisitions: Acquisition[];
  writeOffs: WriteOff[];
  repairs: Repair[];
}

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- compact lists

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤';
const GIVEN = '子涵欣怡梓轩浩然雨桐思远一诺宇航佳琪俊杰梦瑶博文诗晨曦皓若天佑语嫣明紫萱嘉泽沐阳雅静可馨星辰安乐萌睿哲彤瑞涛婷伟芳敏磊娜强丽昊楠鑫悦妍晓东华颖鹏飞';

/** title|author|中图法 class; '*' after a title: a series with volumes. */
const BOOKS: Record<'A' | 'B' | 'CK' | 'NX' | 'Z', string> = {
  A: '毛泽东的少年时代|编写组|A75;马克思的故事|编写组|A71;毛泽东诗词选读|毛泽东|A44',
  B: '论语（少儿版）|孔子|B222.2;孟子（少儿版）|孟子|B222.5;写给孩子的哲学启蒙书*|编写组|B-49;儿童心理健康读本|编写组|B844.1;弟子规|李毓秀|B823.1',
  CK: '草房子|曹文轩|I287.45;青铜葵花|曹文轩|I287.45;小猪唏哩呼噜|孙幼军|I287.7;没头脑和不高兴|任溶溶|I287.7;小巴掌童话|张秋生|I287.7;'
    + '大头儿子和小头爸爸|郑春华|I287.7;皮皮鲁传*|郑渊洁|I287.7;舒克和贝塔历险记|郑渊洁|I287.7;笑猫日记*|杨红樱|I287.45;淘气包马小跳*|杨红樱|I287.45;'
    + '宝葫芦的秘密|张天翼|I287.45;小兵张嘎|徐光耀|I287.45;稻草人|叶圣陶|I287.7;小英雄雨来|管桦|I287.45;城南旧事|林海音|I287.45;'
    + '安徒生童话|安徒生|I534.88;格林童话|格林兄弟|I516.88;小王子|圣埃克苏佩里|I565.88;夏洛的网|E.B.怀特|I712.88;爱丽丝漫游奇境|刘易斯·卡罗尔|I561.88;'
    + '木偶奇遇记|科洛迪|I546.88;绿野仙踪|弗兰克·鲍姆|I712.88;彼得·潘|詹姆斯·巴里|I561.88;窗边的小豆豆|黑柳彻子|I313.88;一千零一夜|佚名|I371.73;'
    + '伊索寓言|伊索|I545.73;爱的教育|亚米契斯|I546.88;西游记（青少版）|吴承恩|I242.4;三国演义（青少版）|罗贯中|I242.4;水浒传（青少版）|施耐庵|I242.4;'
    + '红楼梦（青少版）|曹雪芹|I242.4;唐诗三百首|蘅塘退士|I222.742;中国神话故事|袁珂|I277.5;成语故事*|编写组|H136.31;上下五千年*|林汉达|K209;'
    + '写给儿童的中国历史*|陈卫平|K209;史记故事|司马迁|K204.2;雷锋的故事|陈广生|K828.2;中国地理百科|编写组|K92;小学生必背古诗词|编写组|I222;'
    + '儿童简笔画|编写组|J214;少儿书法入门|编写组|J292.1;少儿趣味英语*|编写组|H319.4;中国传统节日故事|编写组|K892.1;童年|高尔基|I512.45',
  NX: '昆虫记|法布尔|Q96-49;细菌世界历险记|高士其|Q939-49;森林报|比安基|Q95-49;万物简史|比尔·布莱森|N49;神奇校车*|乔安娜·柯尔|N49;'
    + '可怕的科学*|尼克·阿诺德|N49;地球的故事|房龙|P183-49;奇妙的数王国|李毓佩|O1-49;数学西游记|李毓佩|O1-49;人体的奥秘|编写组|R32-49;'
    + '恐龙百科|编写组|Q915.864-49;太空探索|编写组|V11-49;汽车的秘密|编写组|U46-49;小小发明家|编写组|T-49;环保小卫士|编写组|X-49;'
    + '植物的秘密|编写组|Q94-49;动物王国|编写组|Q95-49;少儿编程入门|编写组|TP311.1-49;天气与气候|编写组|P4-49;海底两万里（科普版）|凡尔纳|N49',
  Z: '十万个为什么*|少年儿童出版社|Z228.1;儿童百科全书|DK公司|Z228.1;少年百科知识*|编写组|Z228;中国儿童百科全书·科学*|编写组|Z228.1',
};
const REFERENCE: Record<'CK' | 'Z', string> = {
  CK: '新华字典|中国社会科学院语言研究所|H163;现代汉语词典|中国社会科学院语言研究所|H164;成语大词典|商务印书馆辞书研究中心|H136.31;'
    + '小学生英汉词典|编写组|H316;古汉语常用字字典|王力|H161',
  Z: '中国少年儿童百科全书*|林崇德|Z227;中国大百科全书（少儿版）*|编写组|Z227',
};
const TEACHER_BOOKS = '给教师的建议|苏霍姆林斯基|G451;小学语文教学设计|编写组|G623.202;小学数学课堂教学|编写组|G623.502;班主任工作漫谈|魏书生|G625.1;'
  + '第56号教室的奇迹|雷夫·艾斯奎斯|G627;教育的情调|范梅南|G40;小学英语教学法|编写组|G623.312;课程标准解读|编写组|G622.3';
const PERIODICALS: Record<'CK' | 'NX', string> = {
  CK: '儿童文学|儿童文学杂志社|I287;少年文艺|少年文艺杂志社|I287;小学生时代|小学生时代杂志社|G62',
  NX: '我们爱科学|我们爱科学杂志社|N49;科学大众（小学版）|科学大众杂志社|N49',
};
/** publisher, ISBN registrant prefix after 978-7- */
const PUBLISHERS = '人民文学出版社:02;少年儿童出版社:5324;中国少年儿童出版社:5007;浙江少年儿童出版社:5342;二十一世纪出版社:5391;接力出版社:5448;'
  + '明天出版社:5332;长江少年儿童出版社:5560;新蕾出版社:5307;北京少年儿童出版社:5301;天天出版社:5016';
const REF_PUBLISHERS = '商务印书馆:100;中国大百科全书出版社:5000';
const EDU_PUBLISHERS = '教育科学出版社:5041;人民教育出版社:107;华东师范大学出版社:5617';

type Group = 'A' | 'B' | 'CK' | 'NX' | 'Z';
interface Title { title: string; author: string; classNo: string; series: boolean }
const parseTitles = (s: string): Title[] => s.split(';').map((e) => {
  const [t, author, classNo] = e.split('|');
  return { title: t.replace('*', ''), author, classNo, series: t.endsWith('*') };
});
const parsePubs = (s: string) => s.split(';').map((e) => { const [name, prefix] = e.split(':'); return { name, prefix }; });

/** The 规程's shares of the collection by 中图法 main class. */
export const CLASS_SHARES: Record<Group, number> = { A: 0.015, B: 0.015, CK: 0.64, NX: 0.28, Z: 0.05 };
const TYPE_SHARES: Record<ItemType, number> = { reference: 0.03, teacher: 0.04, pinyin: 0.08, periodical: 0.01, book: 0.84 };
const TYPE_GROUPS: Record<ItemType, Group[]> = {
  reference: ['CK', 'Z'], teacher: ['CK'], pinyin: ['CK'], periodical: ['CK', 'NX'], book: ['A', 'B', 'CK', 'NX', 'Z'],
};

/** The 规程 group of a 中图法 class number: A, B, C–K, N–X, Z. */
export function classGroup(classNo: string): Group | null {
  const c = classNo.charAt(0).toUpperCase();
  if (c === 'A' || c === 'B' || c === 'Z') return c;
  if (c >= 'C' && c <= 'K') return 'CK';
  if (c >= 'N' && c <= 'X') return 'NX';
  return null;
}

// ---------------------------------------------------------------- generator

export interface GenerateOptions {
  size: SchoolSize;
  seed?: number;
  today: Date;
  tz?: string;
  settings?: LibrarySettings;
}

export function generateSchool(o: GenerateOptions): SampleSchool {
  const tz = o.tz ?? DEFAULT_TZ;
  const settings = o.settings ?? defaultSettings();
  const size = SCHOOL_SIZES[o.size];
  const rnd = mulberry32(o.seed ?? 20260901);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const today = dayOf(o.today, tz);
  const schoolYear = Number(settings.termStart.slice(0, 4)) || Number(today.slice(0, 4));
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  // ---- names
  const usedNames = new Set<string>();
  const personName = () => {
    for (let i = 0; ; i++) {
      const g = GIVEN[int(0, GIVEN.length - 1)] + (rnd() < 0.75 ? GIVEN[int(0, GIVEN.length - 1)] : '');
      const n = SURNAMES[int(0, SURNAMES.length - 1)] + g;
      if (!usedNames.has(n) || i > 20) {
        usedNames.add(n);
        return n;
      }
    }
  };

  // ---- classes and teachers
  const perGrade = Array.from({ length: 6 }, (_, g) => Math.floor(size.classes / 6) + (g < size.classes % 6 ? 1 : 0));
  const nTeachers = Math.max(size.classes + 3, Math.round(size.readers * 0.05));
  const teachers: Reader[] = Array.from({ length: nTeachers }, (_, i) => ({
    readerId: `T${pad(i + 1, 4)}`, name: personName(), readerType: 'teacher', grade: null, className: '',
    email: `t${pad(i + 1, 3)}@school.example`, status: 'active',
  }));
  const classes: ClassInfo[] = [];
  perGrade.forEach((count, g) => {
    const slot = settings.rota[`grade${g + 1}` as 'grade1'][0];
    for (let n = 1; n <= count; n++) {
      const t = teachers[classes.length];
      const className = `${GRADE_ZH[g + 1]}年级(${n})班`;
      t.grade = g + 1;
      t.className = className;
      classes.push({
        className, grade: g + 1, teacher: t.name, teacherEmail: t.email,
        weekday: slot ? weekdayLabel(slot.weekday, 'zh') : '', slot: slot ? `${formatClock(slot.start)}-${formatClock(slot.end)}` : '', sheetLink: '',
      });
    }
  });
  if (nTeachers > classes.length + 2) teachers[nTeachers - 1].status = 'left';

  // ---- students
  const nStudents = size.readers - nTeachers;
  const nGraduated = Math.round(nStudents * 0.02);
  const students: Reader[] = [];
  const seqByYear = new Map<number, number>();
  const studentId = (enrol: number) => {
    const s = (seqByYear.get(enrol) ?? 0) + 1;
    seqByYear.set(enrol, s);
    return `S${enrol}${pad(s, 4)}`;
  };
  for (let i = 0; i < nStudents - nGraduated; i++) {
    const c = classes[i % classes.length];
    const r = rnd();
    students.push({
      readerId: studentId(schoolYear - c.grade + 1), name: personName(), readerType: 'student', grade: c.grade,
      className: c.className, email: '', status: r < 0.006 ? 'left' : r < 0.012 ? 'suspended' : 'active',
    });
  }
  for (let i = 0; i < nGraduated; i++) {
    students.push({ readerId: studentId(schoolYear - 6), name: personName(), readerType: 'student', grade: null, className: '', email: '', status: 'graduated' });
  }
  students.sort((a, b) => (a.readerId < b.readerId ? -1 : 1));
  const readers = [...students, ...teachers];

  // ---- catalogue
  const pools = {
    book: Object.fromEntries((Object.keys(BOOKS) as Group[]).map((g) => [g, parseTitles(BOOKS[g])])) as Record<Group, Title[]>,
    reference: { CK: parseTitles(REFERENCE.CK), Z: parseTitles(REFERENCE.Z) } as Partial<Record<Group, Title[]>>,
    teacher: { CK: parseTitles(TEACHER_BOOKS) } as Partial<Record<Group, Title[]>>,
    periodical: { CK: parseTitles(PERIODICALS.CK), NX: parseTitles(PERIODICALS.NX) } as Partial<Record<Group, Title[]>>,
    pinyin: { CK: parseTitles(BOOKS.CK).filter((t) => t.classNo.startsWith('I287')) } as Partial<Record<Group, Title[]>>,
  };
  const pubs = parsePubs(PUBLISHERS);
  const refPubs = parsePubs(REF_PUBLISHERS);
  const eduPubs = parsePubs(EDU_PUBLISHERS);
  const nBatches = Math.max(4, Math.round(size.items / 1500));
  const lastBatchDay = addDays(settings.termStart, 14) < today ? addDays(settings.termStart, 14) : addDays(today, -1);
  const batchDays: DayStr[] = Array.from({ length: nBatches }, (_, k) => addDays(lastBatchDay, -Math.round(((nBatches - 1 - k) * 2190) / (nBatches - 1))));
  const acquisitions: Acquisition[] = batchDays.map((d, k) => ({
    batchNo: `P${d.replace(/-/g, '')}01`, addedOn: startOfDay(d, tz), source: k % 3 === 0 ? '教育局配发' : k % 3 === 1 ? '新华书店采购' : '社会捐赠',
    titles: 0, copies: 0, amount: 0,
  }));
  const batchCents = new Array<number>(nBatches).fill(0);

  const items: Item[] = [];
  const typeCount: Record<ItemType, number> = { reference: 0, teacher: 0, pinyin: 0, periodical: 0, book: 0 };
  const groupCount: Record<Group, number> = { A: 0, B: 0, CK: 0, NX: 0, Z: 0 };
  const callSeq = new Map<string, number>();
  const usedIsbn = new Set<string>();
  const argmax = <K extends string>(keys: readonly K[], score: (k: K) => number): K =>
    keys.reduce((best, k) => (score(k) > score(best) ? k : best), keys[0]);
  while (items.length < size.items) {
    const n = items.length + 1;
    const type = argmax(Object.keys(TYPE_SHARES) as ItemType[], (t) => TYPE_SHARES[t] * n - typeCount[t] + rnd() * 0.01);
    const group = argmax(TYPE_GROUPS[type], (g) => CLASS_SHARES[g] * n - groupCount[g] + rnd() * 0.01);
    const pool = type === 'book' ? pools.book[group] : (pools[type][group] as Title[]);
    const t = pick(pool);
    let title = t.title;
    if (type === 'pinyin') title += '（注音版）';
    if (t.series) title += `（第${int(1, 12)}册）`;
    const issue = type === 'periodical';
    if (issue) title += `（${schoolYear}年第${int(1, 12)}期）`;
    const pubList = type === 'reference' ? refPubs : type === 'teacher' ? eduPubs : pubs;
    const pub = issue ? { name: t.author, prefix: '' } : pick(pubList);
    let isbn = '';
    if (!issue) {
      for (;;) {
        const body = pad(int(0, 10 ** (8 - pub.prefix.length) - 1), 8 - pub.prefix.length);
        const first12 = `9787${pub.prefix}${body}`;
        if (usedIsbn.has(first12)) continue;
        usedIsbn.add(first12);
        isbn = `${first12}${isbn13CheckDigit(first12)}`; // one form: 13 digits, no hyphens (as import stores it)
        break;
      }
    }
    const batch = Math.min(nBatches - 1, Math.floor((items.length / size.items) * nBatches));
    const copies = Math.min(size.items - items.length,
      type === 'book' ? int(1, 4) : type === 'pinyin' ? int(2, 5) : type === 'periodical' ? 1 : int(1, 2));
    const seq = (callSeq.get(t.classNo) ?? 0) + 1;
    callSeq.set(t.classNo, seq);
    const price = type === 'reference' ? int(30, 60) + pick([0, 0.5, 0.8]) : type === 'periodical' ? int(6, 15) : int(10, 45) + pick([0, 0.5, 0.8, 0.9]);
    const batchYear = Number(batchDays[batch].slice(0, 4));
    const location = type === 'reference' || issue ? '阅览室' : type === 'teacher' ? '教师阅览室' : type === 'pinyin' ? '低年级书架' : '少儿书库';
    for (let c = 0; c < copies; c++) {
      items.push({
        barcode: pad(items.length + 1, 6), isbn, title, author: issue ? '' : t.author, publisher: pub.name,
        pubYear: issue ? schoolYear : batchYear - int(0, 3), classNo: t.classNo, callNo: `${t.classNo}/${seq}`, price,
        itemType: type, location, status: 'available', addedOn: acquisitions[batch].addedOn, batchNo: acquisitions[batch].batchNo,
      });
      batchCents[batch] += Math.round(price * 100);
      acquisitions[batch].copies++;
    }
    acquisitions[batch].titles++;
    typeCount[type] += copies;
    groupCount[group] += copies;
  }
  acquisitions.forEach((a, k) => { a.amount = batchCents[k] / 100; });

  // ---- school days for the history: the term so far, else the last 120 days
  const term = currentOrLastTerm(today, settings);
  const yesterday = addDays(today, -1);
  let days: DayStr[] = term ? schoolDays(term.start, term.end < yesterday ? term.end : yesterday, settings) : [];
  if (days.length < 10) days = schoolDays(addDays(today, -150), yesterday, settings);
  // before any term known (a sample loaded in August): the weekdays of the last 150 days
  if (days.length < 10) {
    days = [];
    for (let d = addDays(today, -150); d < today; d = addDays(d, 1)) if (isoWeekday(d) <= 5) days.push(d);
  }
  const dayStart = days.map((d) => startOfDay(d, tz).getTime());
  const dueMemo = new Map<string, { due: Date; dueDay: DayStr }>();
  const dueFor = (idx: number, loanDays: number, inRoom: boolean) => {
    const key = `${idx}/${loanDays}/${inRoom}`;
    let v = dueMemo.get(key);
    if (!v) {
      const d = dueDate({ lentAt: new Date(dayStart[idx] + 12 * 3600_000), days: loanDays, inRoom, settings, tz });
      v = 'refused' in d ? { due: endOfDay(days[idx], tz), dueDay: days[idx] } : d;
      dueMemo.set(key, v);
    }
    return v;
  };
  const at = (idx: number, minute: number) => new Date(dayStart[idx] + minute * 60_000 + int(0, 59) * 1000);
  const lendMinute = () => (rnd() < 0.5 ? int(12 * 60 + 10, 12 * 60 + 59) : int(13 * 60 + 30, 15 * 60 + 59));
  const idOf = (d: Date, dayIdx: number, n: number) => {
    const secs = Math.floor((d.getTime() - dayStart[dayIdx]) / 1000);
    const hms = pad(Math.floor(secs / 3600), 2) + pad(Math.floor(secs / 60) % 60, 2) + pad(secs % 60, 2);
    return `L${days[dayIdx].replace(/-/g, '')}-${hms}-${n.toString(36).padStart(4, '0')}`;
  };

  const activeStudents = students.filter((r) => r.status === 'active');
  const activeTeachers = teachers.filter((r) => r.status === 'active');
  const studentItems: number[] = [];
  const teacherItems: number[] = [];
  items.forEach((it, i) => {
    if (it.itemType !== 'teacher') studentItems.push(i);
    teacherItems.push(i);
  });

  // ---- history
  const history: HistoryEntry[] = [];
  const writeOffs: WriteOff[] = [];
  const repairs: Repair[] = [];
  const last = days.length - 1;
  for (let h = 0; h < size.history; h++) {
    const teacher = rnd() < 0.08 && activeTeachers.length > 0;
    const reader = teacher ? pick(activeTeachers) : pick(activeStudents);
    const item = items[teacher ? pick(teacherItems) : pick(studentItems)];
    const rule = ruleFor(settings, reader.readerType, item.itemType);
    const inRoom = rule?.inRoom ?? false;
    const lentIdx = int(0, Math.max(0, last - 1));
    const due = dueFor(lentIdx, rule?.loanDays ?? 7, inRoom);
    const late = rnd() < 0.08;
    const retIdx = inRoom ? lentIdx : Math.min(last, lentIdx + (late ? int(6, 14) : int(1, teacher ? 15 : 5)));
    const lentAt = at(lentIdx, lendMinute());
    let returnedAt = at(retIdx, inRoom ? 15 * 60 + 30 : int(8 * 60, 12 * 60));
    if (returnedAt <= lentAt) returnedAt = new Date(lentAt.getTime() + 3600_000);
    const overdue = overdueOn(due.dueDay, days[retIdx], settings);
    const r = rnd();
    const result = inRoom || r >= 0.015 || item.status !== 'available' ? 'returned' : r < 0.004 ? 'lost' : 'damaged';
    history.push({
      loanId: idOf(lentAt, lentIdx, h), barcode: item.barcode, readerId: reader.readerId, className: reader.className,
      itemType: item.itemType, lentAt, dueDate: startOfDay(due.dueDay, tz), returnedAt, renewals: !inRoom && retIdx - lentIdx > 5 && rnd() < 0.3 ? 1 : 0,
      overdueDays: overdue, result, staff: '管理员', requestId: '',
    });
    if (result === 'lost') {
      item.status = 'lost';
      writeOffs.push({ barcode: item.barcode, date: returnedAt, reason: 'lost', price: item.price, compensation: item.price, readerId: reader.readerId, staff: '管理员' });
    } else if (result === 'damaged') {
      const recent = last - retIdx < 10;
      if (recent) item.status = 'repair';
      else if (item.status === 'repair') item.status = 'available';
      repairs.push({ barcode: item.barcode, date: returnedAt, readerId: reader.readerId, note: '', doneOn: recent ? null : startOfDay(addDays(days[retIdx], 7), tz), staff: '管理员' });
    }
  }
  history.sort((a, b) => a.lentAt.getTime() - b.lentAt.getTime() || (a.loanId < b.loanId ? -1 : 1));

  // ---- weeding: about 1.5 % of the oldest batches
  const nWeed = Math.round(size.items * 0.015);
  for (let i = 0, done = 0; done < nWeed && i < items.length * 3; i++) {
    const it = items[int(0, Math.floor(items.length / 3))];
    if (it.status !== 'available') continue;
    it.status = 'withdrawn';
    const reason = rnd() < 0.7 ? 'weeded' : 'damaged';
    writeOffs.push({ barcode: it.barcode, date: startOfDay(addDays(today, -int(30, 400)), tz), reason, price: it.price, compensation: null, readerId: '', staff: '管理员' });
    done++;
  }
  writeOffs.sort((a, b) => a.date.getTime() - b.date.getTime());

  // ---- open loans: ~22 % of active students, ~40 % of teachers; every one's copy is 借出
  const free = { student: studentItems.filter((i) => items[i].status === 'available' && items[i].itemType !== 'reference'), teacher: [] as number[] };
  free.teacher = teacherItems.filter((i) => items[i].status === 'available' && items[i].itemType !== 'reference');
  const taken = new Set<number>();
  const takeFrom = (list: number[]): Item | null => {
    for (let tries = 0; tries < 50; tries++) {
      const i = list[int(0, list.length - 1)];
      if (!taken.has(i) && items[i].status === 'available') {
        taken.add(i);
        return items[i];
      }
    }
    return null;
  };
  const loans: Loan[] = [];
  let loanSeq = size.history;
  const lend = (reader: Reader, item: Item, back: number) => {
    const idx = Math.max(0, last - back);
    const rule = ruleFor(settings, reader.readerType, item.itemType);
    const lentAt = at(idx, lendMinute());
    const due = dueFor(idx, rule?.loanDays ?? 7, false);
    item.status = 'on_loan';
    loans.push({
      loanId: idOf(lentAt, idx, loanSeq++), barcode: item.barcode, readerId: reader.readerId, readerName: reader.name,
      className: reader.className, title: item.title, itemType: item.itemType, price: item.price, lentAt, dueDate: startOfDay(due.dueDay, tz), renewals: 0, staff: '管理员',
    });
  };
  for (const s of activeStudents) {
    if (rnd() >= 0.22) continue;
    const item = takeFrom(free.student);
    if (item) lend(s, item, rnd() < 0.15 ? int(8, 20) : int(0, 4));
  }
  for (const t of activeTeachers) {
    if (rnd() >= 0.4) continue;
    const n = int(1, 3);
    for (let k = 0; k < n; k++) {
      const item = takeFrom(free.teacher);
      if (item) lend(t, item, rnd() < 0.1 ? int(25, 40) : int(0, 15));
    }
  }
  loans.sort((a, b) => a.lentAt.getTime() - b.lentAt.getTime());
  return { classes, readers, items, loans, history, acquisitions, writeOffs, repairs };
}
