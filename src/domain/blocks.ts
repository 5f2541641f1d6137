// A document as plain data (DESIGN §9): what src/domain/documents/* compute and the renderers turn into a
// Google Doc (src/platform/docs.ts) or, locally, a .docx and HTML. Pure: no Apps Script types here.
// Every text is the final, translated text; renderers never look anything up, and they write all of it
// as text (escaped in HTML, never a formula).

export type CellText = string | number;

/** A chart as data: the renderer draws it (Charts service → PNG on Google; a PNG renderer locally). */
export interface ChartSpec {
  type: 'column' | 'bar' | 'line' | 'pie';
  title: string;
  /** the x axis (column/line) or the slices (pie) */
  categories: string[];
  /** one or more series, each with one value per category */
  series: { name: string; values: number[] }[];
  /** an optional horizontal reference line, e.g. the term's loan target */
  target?: { label: string; value: number };
  xLabel?: string;
  yLabel?: string;
  /** pixels; renderers may clamp */
  width?: number;
  height?: number;
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; header: string[]; rows: CellText[][]; caption?: string }
  | { kind: 'chart'; spec: ChartSpec }
  | { kind: 'pageBreak' };

export interface Doc {
  /** the document's file name, e.g. 示例小学图书室 2026年3月工作计划 */
  title: string;
  blocks: Block[];
}

// Small constructors, so content code reads like the document it builds.
export const title = (text: string): Block => ({ kind: 'title', text });
export const heading = (text: string, level: 1 | 2 | 3 = 1): Block => ({ kind: 'heading', level, text });
export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const list = (items: string[], ordered = false): Block => ({ kind: 'list', items, ordered });
export const table = (header: string[], rows: CellText[][], caption?: string): Block =>
  (caption === undefined ? { kind: 'table', header, rows } : { kind: 'table', header, rows, caption });
export const chart = (spec: ChartSpec): Block => ({ kind: 'chart', spec });
export const pageBreak = (): Block => ({ kind: 'pageBreak' });
