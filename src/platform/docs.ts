// Block[] → a Google Doc (DESIGN §9). The only user of DocumentApp and Charts in src/.
//
// - One document per month/term: given the id of the earlier version (kept in document properties by the
//   caller), its body is cleared and rewritten and it is renamed; only when that id is missing or no longer
//   opens is a new document created.
// - Every text is written as text (Docs have no formulas; appendParagraph/appendTable take plain strings).
// - Charts are drawn by the Charts service and inserted as PNG (Docs take PNG/JPEG/GIF, not SVG).
// - Viewers are the addresses the caller passes (设置: 校长邮箱, 分管领导邮箱), shared view-only with
//   Document.addViewers — no link sharing, no DriveApp (it needs the restricted full-Drive scope). The list
//   is the truth: a viewer no longer listed is removed when the document is written again.
// - A PDF copy (Document.getAs('application/pdf')) is saved with the advanced Drive service (v3) under the
//   drive.file scope, which reaches only the files this script made; regenerating updates the same PDF.
//   Without the advanced service (Drive undefined) the PDF is skipped and pdfUrl is null.
import type { Block, CellText, ChartSpec, Doc } from '../domain/blocks';
import { docProps } from './services';

export interface WrittenDoc {
  id: string;
  url: string;
  name: string;
  /** the PDF copy in the librarian's Drive, or null when it could not be made */
  pdfUrl: string | null;
  /** keep it beside the document's id to update the same PDF next time */
  pdfId: string | null;
  /** true when a new document was created (no earlier version, or it no longer opens) */
  created: boolean;
  /** addresses not shared with: not e-mail addresses, or refused by Drive (the document is written all the same) */
  skippedViewers: string[];
}

export interface WriteOptions {
  /** the earlier version's document id, if any */
  existingId: string | null;
  /** e-mail addresses that may read the document (view only) */
  viewers: string[];
  /** the earlier version's PDF id (WrittenDoc.pdfId), if any */
  existingPdfId?: string | null;
  /** make the PDF copy (default true) */
  pdf?: boolean;
}

/** Docs' usable width on an A4/Letter page with default margins is about 624 px; charts stay inside it. */
const CHART_MAX_WIDTH = 600;
const CHART_MAX_HEIGHT = 450;
const CHART_COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00'];
const EMAIL = /^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$/;

type Body = GoogleAppsScript.Document.Body;
type Document = GoogleAppsScript.Document.Document;

export function writeDocument(doc: Doc, opts: WriteOptions): WrittenDoc {
  // Charts first: if the Charts service fails, the earlier version of the document is still whole.
  const images = doc.blocks.map((b) => (b.kind === 'chart' ? chartPng(b.spec) : null));
  let document = opts.existingId ? openOrNull(opts.existingId) : null;
  const created = document === null;
  let body: Body;
  if (document === null) {
    document = DocumentApp.create(doc.title);
    body = document.getBody();
  } else {
    if (document.getName() !== doc.title) document.setName(doc.title);
    body = document.getBody();
    body.clear();
  }
  // A body always holds at least one paragraph (a new or cleared body has one empty paragraph):
  // the first text block goes into it rather than under an empty line.
  writeBlocks(body, doc.blocks, images);
  const { skipped } = shareWith(document, opts.viewers, !created);
  const id = document.getId();
  const url = document.getUrl();
  // Pending edits are applied by saveAndClose; the PDF export must come after it to hold them.
  document.saveAndClose();
  let pdf: { id: string; url: string } | null = null;
  if (opts.pdf !== false) pdf = savePdf(document, doc.title, opts.existingPdfId ?? null);
  return { id, url, name: doc.title, pdfUrl: pdf?.url ?? null, pdfId: pdf?.id ?? null, created, skippedViewers: skipped };
}

/**
 * writeDocument for a document that is written again and again (a month's plan, a term's report): the ids of
 * its Doc and PDF are kept in document properties under `key` (e.g. 'doc.plan.2026-03'), so the next write
 * replaces the same document. One property read and, when an id changed, one write.
 */
export function writeKeptDocument(doc: Doc, opts: { key: string; viewers: string[]; pdf?: boolean }): WrittenDoc {
  const props = docProps();
  let kept: { id?: unknown; pdfId?: unknown } = {};
  try { kept = JSON.parse(props.getProperty(opts.key) ?? '{}') as typeof kept; } catch { kept = {}; }
  const existingId = typeof kept.id === 'string' ? kept.id : null;
  const existingPdfId = typeof kept.pdfId === 'string' ? kept.pdfId : null;
  const written = writeDocument(doc, { existingId, existingPdfId, viewers: opts.viewers, pdf: opts.pdf });
  if (written.id !== existingId || written.pdfId !== existingPdfId) {
    props.setProperty(opts.key, JSON.stringify({ id: written.id, pdfId: written.pdfId }));
  }
  return written;
}

function openOrNull(id: string): Document | null {
  try {
    return DocumentApp.openById(id);
  } catch {
    // deleted, trashed beyond recovery or no longer ours: write a new one
    return null;
  }
}

const cellText = (v: CellText): string => (typeof v === 'number' ? String(v) : v);

function writeBlocks(body: Body, blocks: Block[], images: (GoogleAppsScript.Base.Blob | null)[]): void {
  let first: GoogleAppsScript.Document.Paragraph | null = body.getParagraphs()[0] ?? null;
  // Only an empty first paragraph is reused.
  if (first && first.getText() !== '') first = null;
  const para = (text: string): GoogleAppsScript.Document.Paragraph => {
    if (first) { const p = first; first = null; p.setText(text); return p; }
    return body.appendParagraph(text);
  };
  blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'title':
        para(b.text).setHeading(DocumentApp.ParagraphHeading.TITLE);
        break;
      case 'heading':
        para(b.text).setHeading(
          b.level === 1 ? DocumentApp.ParagraphHeading.HEADING1
            : b.level === 2 ? DocumentApp.ParagraphHeading.HEADING2 : DocumentApp.ParagraphHeading.HEADING3,
        );
        break;
      case 'paragraph':
        para(b.text).setHeading(DocumentApp.ParagraphHeading.NORMAL);
        break;
      case 'list': {
        const glyph = b.ordered ? DocumentApp.GlyphType.NUMBER : DocumentApp.GlyphType.BULLET;
        for (const item of b.items) body.appendListItem(item).setGlyphType(glyph);
        break;
      }
      case 'table': {
        if (b.caption) para(b.caption).setHeading(DocumentApp.ParagraphHeading.NORMAL);
        const width = Math.max(b.header.length, ...b.rows.map((r) => r.length), 1);
        const pad = (r: string[]): string[] => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r);
        const cells = [...(b.header.length ? [pad(b.header.map(cellText))] : []), ...b.rows.map((r) => pad(r.map(cellText)))];
        if (cells.length === 0) break; // nothing to show: no empty table
        const t = body.appendTable(cells);
        if (b.header.length) t.getRow(0).editAsText().setBold(true);
        break;
      }
      case 'chart': {
        const png = images[i];
        // the chart's title as the image's alt text (screen readers, and the .docx of a download)
        if (png) body.appendImage(png).setAltTitle(b.spec.title);
        break;
      }
      case 'pageBreak':
        body.appendPageBreak();
        break;
    }
  });
}

/** The Charts service draws the chart; its PNG goes into the document. */
export function chartPng(spec: ChartSpec): GoogleAppsScript.Base.Blob {
  const pie = spec.type === 'pie';
  const width = clamp(spec.width ?? (pie ? 480 : CHART_MAX_WIDTH), 200, CHART_MAX_WIDTH);
  const height = clamp(spec.height ?? (pie ? 320 : 360), 150, CHART_MAX_HEIGHT);
  const series = pie ? spec.series.slice(0, 1) : spec.series;
  let table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, spec.xLabel ?? '');
  for (const s of series) table = table.addColumn(Charts.ColumnType.NUMBER, s.name);
  // The Charts service has no combined column+line chart: the target is one more series, flat at its value.
  const target = !pie && spec.target ? spec.target : null;
  if (target) table = table.addColumn(Charts.ColumnType.NUMBER, target.label);
  spec.categories.forEach((c, i) => {
    const row: (string | number)[] = [c, ...series.map((s) => finite(s.values[i]))];
    if (target) row.push(finite(target.value));
    table = table.addRow(row);
  });
  // setDataTable takes the builder itself (the typings miss that a built DataTable is a DataTableSource)
  const data = table;
  const legend = pie ? Charts.Position.RIGHT : series.length + (target ? 1 : 0) > 1 ? Charts.Position.BOTTOM : Charts.Position.NONE;
  const colors = CHART_COLORS.slice(0, Math.max(1, pie ? spec.categories.length : series.length));
  if (target) colors.push('#888888');
  let chart: GoogleAppsScript.Charts.Chart;
  if (pie) {
    chart = Charts.newPieChart().setDataTable(data).setTitle(spec.title).setDimensions(width, height)
      .setLegendPosition(legend).setColors(pieColors(spec.categories.length)).build();
  } else {
    const builder = spec.type === 'bar' ? Charts.newBarChart() : spec.type === 'line' ? Charts.newLineChart() : Charts.newColumnChart();
    // the three builders share these methods; TypeScript sees them as a union
    const b = builder as GoogleAppsScript.Charts.ColumnChartBuilder;
    b.setDataTable(data).setTitle(spec.title).setDimensions(width, height).setLegendPosition(legend).setColors(colors);
    // x is the horizontal axis: a bar chart lays its categories up the vertical one and its values across
    const [across, up] = spec.type === 'bar' ? [spec.yLabel, spec.xLabel] : [spec.xLabel, spec.yLabel];
    if (across) b.setXAxisTitle(across);
    if (up) b.setYAxisTitle(up);
    chart = b.build();
  }
  return chart.getAs('image/png');
}

function pieColors(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(1, n); i++) out.push(CHART_COLORS[i % CHART_COLORS.length]);
  return out;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(Number.isFinite(v) ? v : lo)));
const finite = (v: number | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Shares view-only with exactly `viewers`: adds the new ones in one call, removes those no longer listed. */
function shareWith(document: Document, viewers: string[], existing: boolean): { skipped: string[] } {
  const wanted = new Map<string, string>();
  const skipped: string[] = [];
  for (const raw of viewers) {
    const e = raw.trim();
    if (!e) continue;
    if (!EMAIL.test(e)) { skipped.push(e); continue; }
    wanted.set(e.toLowerCase(), e);
  }
  const have = new Set<string>();
  if (existing) {
    for (const u of document.getViewers()) {
      const e = u.getEmail();
      if (!e) continue;
      if (wanted.has(e.toLowerCase())) have.add(e.toLowerCase());
      else document.removeViewer(e);
    }
  }
  const add = [...wanted].filter(([k]) => !have.has(k)).map(([, v]) => v);
  if (add.length) {
    try {
      document.addViewers(add);
    } catch {
      // one refused address (e.g. outside a Workspace domain that forbids it) must not cost the others
      // or the document: one by one, and the refused ones are reported
      for (const e of add) {
        try { document.addViewer(e); } catch { skipped.push(e); }
      }
    }
  }
  return { skipped };
}

/** The PDF copy, saved (or updated in place) with the advanced Drive service under drive.file. */
function savePdf(document: Document, title: string, existingPdfId: string | null): { id: string; url: string } | null {
  if (typeof Drive === 'undefined' || !Drive) return null;
  const name = `${title}.pdf`;
  const blob = document.getAs('application/pdf').setName(name);
  const fields = { fields: 'id,webViewLink' };
  let file: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File | null = null;
  if (existingPdfId) {
    try {
      file = Drive.Files.update({ name }, existingPdfId, blob, fields);
    } catch {
      // gone (deleted by hand) or not ours: a new one below
      file = null;
    }
  }
  if (!file) file = Drive.Files.create({ name, mimeType: 'application/pdf' }, blob, fields);
  const id = file.id ?? '';
  if (!id) return null;
  return { id, url: file.webViewLink ?? `https://drive.google.com/file/d/${id}/view` };
}

export const NO_DRIVE = 'the advanced Drive service is not enabled';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The advanced service as called: its typings (v3) give export two arguments and no answer, but it needs
 *  { alt: 'media' } and answers the converted file (issuetracker.google.com/issues/468534237); the self-check's
 *  drive.export line holds Google to this shape. */
type ExportCall = (fileId: string, mimeType: string, optionalArgs: { alt: 'media' }) => unknown;

/** files.export through the advanced service as this project calls it (the self-check calls it the same way):
 *  e.g. a class sheet (a spreadsheet this script made, under drive.file) as an .xlsx attachment (at most 10 MB).
 *  Throws when Drive refuses or is not enabled (the manifest's advanced services). */
export function exportFile(drive: GoogleAppsScript.Drive | undefined, fileId: string, mimeType: string): GoogleAppsScript.Base.Blob {
  if (!drive) throw new Error(NO_DRIVE);
  const out = (drive.Files.export as unknown as ExportCall).call(drive.Files, fileId, mimeType, { alt: 'media' });
  const blob = out as GoogleAppsScript.Base.Blob | null;
  if (!blob || typeof blob.getBytes !== 'function') throw new Error('no file exported');
  return blob;
}
