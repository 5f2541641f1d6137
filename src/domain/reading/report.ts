// Reading promotion's section of the term report (issue 19, DESIGN §10 "reports say how far each class got"):
// per grade how much of its 推荐书目 the library holds, per class how far the students got with their grade's
// 必读 titles this school year, who borrowed nothing this term (篇三: 如不借者，交班主任处理) and the term's
// reading stars; what to buy for the lists goes to the first page's 需要学校决定的. The reading room's use is
// in the report's 阅览与活动 section (roomUse). Pure: computed from the records the report already has.
import { schoolYearOf } from '../calendar';
import { type Block, heading, paragraph, table } from '../blocks';
import { gradeLabel, inWindow, isActiveStudent, money, punct, type Window } from '../documents/common';
import type { ReportContext, ReportPart } from '../documents/report';
import { averagePrice, classProgress, coverageByGrade, matchEntries, purchaseSuggestions } from './lists';
import { nonBorrowers, readingStars, STARS_PER_CLASS } from './readers';

export function readingPromotionPart({ input, tr, f }: ReportContext): ReportPart {
  const { locale, settings: s, term, readers } = input;
  const p = punct(locale);
  const entries = input.lists ?? [];
  const { holdings, entriesOf } = matchEntries(entries, entries.length ? input.items : []);
  const w: Window = { from: term.from, to: f.asOf };
  const termLoans = input.loans.filter((l) => inWindow(l.lentOn, w));
  const year: Window = { from: schoolYearOf(term.from, s)?.terms[0]?.start ?? term.from, to: f.asOf };
  const yearLoans = input.loans.filter((l) => inWindow(l.lentOn, year));
  const classes = f.perClass.filter((c) => c.students > 0);
  const order = classes.map((c) => c.className);
  const none = new Map(nonBorrowers({ readers, loans: termLoans, rules: s.loanRules, minLoans: 0, halfOver: false, classOrder: order }).map((c) => [c.className, c.none.length]));
  const stars = new Map(readingStars({ readers, loans: termLoans, rules: s.loanRules, n: STARS_PER_CLASS, classOrder: order }).map((c) => [c.className, c.stars]));
  const active = readers.filter(isActiveStudent);

  const blocks: Block[] = [heading(tr('reading.report.h.lists'), 2)];
  if (entries.length === 0) blocks.push(paragraph(tr('reading.report.noList')));
  else {
    blocks.push(table([tr('doc.col.grade'), tr('reading.report.col.titles'), tr('reading.report.col.held'), tr('reading.report.col.notHeld'), tr('reading.report.col.requiredHeld')],
      coverageByGrade(entries, holdings).map((g) => [gradeLabel(locale, g.grade), g.titles, g.held, g.notHeld, `${g.requiredHeld} / ${g.required}`])));
  }
  blocks.push(heading(tr('reading.report.h.classes'), 2));
  blocks.push(table([tr('doc.col.class'), tr('doc.col.students'), tr('reading.report.col.requiredAvg'), tr('reading.report.col.unread'), tr('reading.report.col.none'), tr('reading.report.col.stars')],
    classes.map((c) => {
      const pr = c.grade === null ? null : classProgress({ grade: c.grade, entries, entriesOf, students: active.filter((r) => r.className === c.className), loans: yearLoans });
      const listed = pr !== null && pr.requiredTitles + pr.optionalTitles > 0;
      const read = pr ? pr.students.reduce((n, x) => n + x.required.length, 0) : 0;
      return [
        c.className, c.students,
        listed && pr.requiredTitles ? `${(read / c.students).toFixed(1)} / ${pr.requiredTitles}` : '—',
        listed ? pr.unread.length : '—',
        none.get(c.className) ?? 0,
        (stars.get(c.className) ?? []).map((x) => p.note(x.name, String(x.loans))).join(p.list) || '—',
      ];
    })));

  const studentsByGrade = new Map<number, number>();
  for (const c of classes) if (c.grade !== null) studentsByGrade.set(c.grade, (studentsByGrade.get(c.grade) ?? 0) + c.students);
  const buy = entries.length ? purchaseSuggestions({ entries, holdings, studentsByGrade, rule: s.copiesPerTitle, averagePrice: averagePrice(input.items) }) : [];
  const copies = buy.reduce((n, r) => n + r.toBuy, 0);
  const amount = buy.reduce((n, r) => n + r.amount, 0);
  blocks.push(heading(tr('reading.report.h.buy'), 2));
  if (buy.length) {
    blocks.push(table([tr('doc.col.grade'), tr('doc.col.title'), tr('doc.col.copies'), tr('reading.report.col.toBuy'), tr('doc.col.value')],
      buy.map((r) => [r.grades.map((g) => gradeLabel(locale, g)).join(p.list), r.title, r.held, r.toBuy, money(r.amount)])));
  } else blocks.push(paragraph(tr(entries.length ? 'reading.report.buyNone' : 'reading.report.noList')));

  const noLoan = [...none.values()].reduce((a, b) => a + b, 0);
  return {
    heading: tr('reading.report.h'), blocks, rank: 6,
    attention: noLoan ? [tr('reading.report.find.none', { n: noLoan, classes: [...none.values()].filter((n) => n > 0).length })] : [],
    decide: buy.length ? [tr('reading.report.decide.buy', { titles: buy.length, copies, amount: money(amount) })] : [],
    definitions: [tr('reading.report.def', { n: STARS_PER_CLASS })],
  };
}
