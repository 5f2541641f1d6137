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

/** What a graduating class is called once the grade is handed on: 六年级(1)班（2027届）. */
export function cohortName(name: string, year: number, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${name}（${year}届）` : `${name} (class of ${year})`;
}

export interface PReader { row: number; readerId: string; name: string; readerType: ReaderType; grade: number | null; className: string; status: ReaderStatus }
export interface PClass { row: number; className: string; grade: number }
export interface PLoan { readerId: string; barcode: string; title: string; due: string }

export interface ReaderChange { row: number; readerId: string; name: string; from: { grade: number | null; className: string; status: ReaderStatus }; to: { grade: number | null; className: string; status: ReaderStatus } }
export interface ClassChange { row: number; from: string; to: string; grade: number }
export interface Owing { readerId: string; name: string; className: string; loans: PLoan[] }
export interface PromotionPlan { classes: ClassChange[]; readers: ReaderChange[]; owing: Owing[]; unparsed: string[]; graduates: number }

/**
 * Every class one grade up (readers and classes together). 六年级 readers with no open loan become 毕业;
 * those who still owe stay 在读 in their cohort's class name and are listed. Only active students move;
 * teachers and readers who left stay as they are. A class name without a grade is left and reported.
 */
export function planPromotion(readers: readonly PReader[], classes: readonly PClass[], loans: readonly PLoan[], year: number, lang: 'zh' | 'en'): PromotionPlan {
  const loansOf = new Map<string, PLoan[]>();
  for (const l of loans) loansOf.set(l.readerId, [...(loansOf.get(l.readerId) ?? []), l]);
  const unparsed = new Set<string>();
  const nameFor = new Map<string, string>();
  const out: PromotionPlan = { classes: [], readers: [], owing: [], unparsed: [], graduates: 0 };
  for (const c of classes) {
    const p = parseClassName(c.className);
    if (!p) {
      unparsed.add(c.className);
      continue;
    }
    const to = p.grade >= 6 ? cohortName(c.className, year, lang) : (promoteClassName(c.className) as string);
    nameFor.set(c.className, to);
    out.classes.push({ row: c.row, from: c.className, to, grade: p.grade >= 6 ? 6 : p.grade + 1 });
  }
  for (const r of readers) {
    if (r.readerType !== 'student' || r.status !== 'active') continue;
    const p = parseClassName(r.className);
    const grade = p?.grade ?? r.grade;
    if (grade === null || grade === undefined) {
      unparsed.add(r.className || r.readerId);
      continue;
    }
    const from = { grade: r.grade, className: r.className, status: r.status };
    if (grade >= 6) {
      const owes = loansOf.get(r.readerId) ?? [];
      const className = nameFor.get(r.className) ?? cohortName(r.className, year, lang);
      if (owes.length) {
        out.owing.push({ readerId: r.readerId, name: r.name, className: r.className, loans: owes });
        out.readers.push({ row: r.row, readerId: r.readerId, name: r.name, from, to: { grade: 6, className, status: 'active' } });
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

/** The school year a day belongs to: it starts on 1 September (2026-11-24 → 2026; 2027-06-30 → 2026). */
export function schoolYearOf(day: string): number {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? y : y - 1;
}

/** [first day, first day of the next) of school year Y: Y-09-01 to (Y+1)-09-01. */
export function schoolYearSpan(year: number): { from: string; to: string } {
  return { from: `${year}-09-01`, to: `${year + 1}-09-01` };
}
