// The end of the school year: promotion of classes and readers one grade, graduates, those who still owe;
// which 借阅记录 rows belong to a school year. Pure.
import { GRADE_ZH } from '../importing';
import type { ReaderStatus, ReaderType } from '../schema';

/** 三年级(2)班 → { grade: 3, style: 'zh' }; 3年级2班 → digits; 'Grade 3 Class 2' → en; null when no grade is named. */
export function parseClassName(name: string): { grade: number; style: 'zh' | 'digit' | 'en'; head: string; rest: string } | null {
  const s = name.trim();
  let m = /^([一二三四五六])(年级)(.*)$/.exec(s);
  if (m) return { grade: GRADE_ZH.indexOf(m[1]), style: 'zh', head: m[2], rest: m[3] };
  m = /^([1-6])(年级)(.*)$/.exec(s);
  if (m) return { grade: Number(m[1]), style: 'digit', head: m[2], rest: m[3] };
  m = /^(Grade\s*)([1-6])(\b.*)$/i.exec(s);
  if (m) return { grade: Number(m[2]), style: 'en', head: m[1], rest: m[3] };
  return null;
}

/** The same class one grade up: 三年级(2)班 → 四年级(2)班; null for 六年级 or a name without a grade. */
export function promoteClassName(name: string): string | null {
  const p = parseClassName(name);
  if (!p || p.grade >= 6) return null;
  const g = p.grade + 1;
  if (p.style === 'zh') return `${GRADE_ZH[g]}${p.head}${p.rest}`;
  if (p.style === 'digit') return `${g}${p.head}${p.rest}`;
  return `${p.head}${g}${p.rest}`;
}

/** What a graduating class is called once the grade is handed on: 六年级(1)班（2027届）. Named once: a name
 *  that already carries a cohort (a second preview, a second run) is kept as it is. */
export function cohortName(name: string, year: number, lang: 'zh' | 'en'): string {
  if (isCohortName(name)) return name;
  return lang === 'zh' ? `${name}（${year}届）` : `${name} (class of ${year})`;
}

/** 六年级(1)班（2027届） / 'Grade 6 (1) (class of 2027)': a class that has graduated already. */
export function isCohortName(name: string): boolean {
  return /(（\d{4}届）|\(class of \d{4}\))\s*$/i.test(name.trim());
}

export interface PReader { row: number; readerId: string; name: string; readerType: ReaderType; grade: number | null; className: string; status: ReaderStatus }
/** A 班级 row: its name and grade, its 班主任 (teachers' 班级 in 读者 follow it), its own 借阅日/借阅时间 */
export interface PClass { row: number; className: string; grade: number; teacher?: string; weekday?: string; slot?: string }
export interface PLoan { readerId: string; barcode: string; title: string; due: string }

export interface ReaderChange { row: number; readerId: string; name: string; from: { grade: number | null; className: string; status: ReaderStatus }; to: { grade: number | null; className: string; status: ReaderStatus } }
/** `clearsSlot`: the class's own 借阅日/借阅时间 (e.g. '周一 下午'), cleared: the rota stays with the grades */
export interface ClassChange { row: number; from: string; to: string; grade: number; clearsSlot?: string }
export interface Owing { readerId: string; name: string; className: string; loans: PLoan[] }
export interface PromotionPlan { classes: ClassChange[]; readers: ReaderChange[]; owing: Owing[]; unparsed: string[]; graduates: number }

/**
 * Every class one grade up (readers and classes together). 六年级 readers with no open loan become 毕业;
 * those who still owe stay 在读 in their cohort's class name and are listed. Only active students move;
 * readers who left stay as they are. A teacher's 班级 follows the class whose 班主任 they are. A class's own
 * 借阅日/借阅时间 is cleared (the new year's timetable is another; the rota in 设置 belongs to the grades).
 * A class already named as a cohort (六年级(1)班（2027届）) is not renamed again. A class name without a
 * grade is left and reported.
 */
export function planPromotion(readers: readonly PReader[], classes: readonly PClass[], loans: readonly PLoan[], year: number, lang: 'zh' | 'en'): PromotionPlan {
  const loansOf = new Map<string, PLoan[]>();
  for (const l of loans) loansOf.set(l.readerId, [...(loansOf.get(l.readerId) ?? []), l]);
  const unparsed = new Set<string>();
  const nameFor = new Map<string, string>();
  const out: PromotionPlan = { classes: [], readers: [], owing: [], unparsed: [], graduates: 0 };
  const ownSlot = (c: PClass) => [c.weekday ?? '', c.slot ?? ''].map((x) => String(x).trim()).filter(Boolean).join(' ');
  for (const c of classes) {
    if (isCohortName(c.className)) continue;
    const p = parseClassName(c.className);
    if (!p) {
      unparsed.add(c.className);
      continue;
    }
    const to = p.grade >= 6 ? cohortName(c.className, year, lang) : (promoteClassName(c.className) as string);
    nameFor.set(c.className, to);
    const slot = ownSlot(c);
    out.classes.push({ row: c.row, from: c.className, to, grade: p.grade >= 6 ? 6 : p.grade + 1, ...(slot ? { clearsSlot: slot } : {}) });
  }
  // 班主任 → the class's name after promotion (a teacher named for one class only)
  const homeroom = new Map<string, string | null>();
  for (const c of classes) {
    const who = String(c.teacher ?? '').trim();
    if (!who) continue;
    homeroom.set(who, homeroom.has(who) ? null : nameFor.get(c.className) ?? c.className);
  }
  for (const r of readers) {
    if (r.status !== 'active') continue;
    const from = { grade: r.grade, className: r.className, status: r.status };
    if (r.readerType === 'teacher') {
      const to = homeroom.get(r.name.trim()) ?? nameFor.get(r.className) ?? r.className;
      if (to !== r.className) out.readers.push({ row: r.row, readerId: r.readerId, name: r.name, from, to: { grade: r.grade, className: to, status: 'active' } });
      continue;
    }
    if (r.readerType !== 'student') continue;
    const cohort = isCohortName(r.className);
    const p = parseClassName(r.className);
    const grade = p?.grade ?? r.grade;
    if (grade === null || grade === undefined) {
      unparsed.add(r.className || r.readerId);
      continue;
    }
    if (grade >= 6) {
      const owes = loansOf.get(r.readerId) ?? [];
      const className = nameFor.get(r.className) ?? cohortName(r.className, year, lang);
      if (owes.length) {
        out.owing.push({ readerId: r.readerId, name: r.name, className: r.className, loans: owes });
        if (!cohort) out.readers.push({ row: r.row, readerId: r.readerId, name: r.name, from, to: { grade: 6, className, status: 'active' } });
      } else {
        out.graduates++;
        out.readers.push({ row: r.row, readerId: r.readerId, name: r.name, from, to: { grade: 6, className, status: 'graduated' } });
      }
      continue;
    }
    const to = nameFor.get(r.className) ?? promoteClassName(r.className);
    if (!to) {
      unparsed.add(r.className || r.readerId);
      continue;
    }
    out.readers.push({ row: r.row, readerId: r.readerId, name: r.name, from, to: { grade: grade + 1, className: to, status: 'active' } });
  }
  out.unparsed = [...unparsed].sort();
  out.owing.sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name));
  return out;
}

/** [first day, first day of the next) of school year Y: Y-09-01 to (Y+1)-09-01 (the archive's span). */
export function schoolYearSpan(year: number): { from: string; to: string } {
  return { from: `${year}-09-01`, to: `${year + 1}-09-01` };
}
