// The renderer, src/platform/docs.ts, run as Apps Script runs it (built alone into a bundle, loaded by
// gas-local into local/'s DocumentApp, Charts and Drive), metered.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { docsRuntime } from '../support/docs-bundle';
import type { Doc } from '../../src/domain/blocks';
import type { WrittenDoc } from '../../src/platform/docs';

const sample = (title: string, note = '以人为本，主动服务。'): Doc => ({
  title,
  blocks: [
    { kind: 'title', text: title },
    { kind: 'heading', level: 1, text: '一、馆藏' },
    { kind: 'paragraph', text: note },
    { kind: 'list', items: ['生均藏书 25 册', '报刊 60 种'], ordered: true },
    { kind: 'table', header: ['班级', '借阅册数'], rows: [['三年级一班', 12], ['三年级二班', 7]], caption: '表 1 各班借阅' },
    { kind: 'chart', spec: { type: 'column', title: '各班生均借阅', categories: ['三年级一班', '三年级二班'], series: [{ name: '生均', values: [2.4, 1.4] }], target: { label: '目标', value: 2 }, yLabel: '册' } },
    { kind: 'pageBreak' },
    { kind: 'chart', spec: { type: 'pie', title: '藏书分类', categories: ['A', 'B', 'C–K', 'N–X', 'Z'], series: [{ name: '册', values: [15, 15, 640, 280, 50] }] } },
  ],
});

const documentXml = (path: string): string => strFromU8(unzipSync(new Uint8Array(readFileSync(path)))['word/document.xml']);

describe('writeDocument', () => {
  it('creates a document with every block, shares it view-only, saves a PDF copy: 7 round trips', () => {
    const rt = docsRuntime();
    const { result, meter } = rt.invoke<WrittenDoc>('writeDocument', sample('示例小学图书室 2026年3月工作计划'), {
      existingId: null, viewers: ['principal@school.example', ' Lead@School.example ', 'not-an-email', ''],
    });
    expect(result.created).toBe(true);
    expect(result.name).toBe('示例小学图书室 2026年3月工作计划');
    expect(result.url).toBe(`https://docs.google.com/open?id=${result.id}`);
    expect(result.skippedViewers).toEqual(['not-an-email']);
    const rec = rt.documents.docs.get(result.id)!;
    expect(rec.viewers).toEqual(['principal@school.example', 'Lead@School.example']);
    // the blocks, in order; the title went into the body's first (empty) paragraph
    expect(rec.elements.map((e) => e.type)).toEqual(['paragraph', 'paragraph', 'paragraph', 'listItem', 'listItem', 'paragraph', 'table', 'image', 'pageBreak', 'image']);
    expect(rec.elements[0]).toMatchObject({ text: '示例小学图书室 2026年3月工作计划', heading: 'TITLE' });
    expect(rec.elements[1]).toMatchObject({ text: '一、馆藏', heading: 'HEADING1' });
    expect(rec.elements[3]).toMatchObject({ text: '生均藏书 25 册', glyph: 'NUMBER' });
    expect(rec.elements[6]).toEqual({ type: 'table', rows: [{ cells: ['班级', '借阅册数'], bold: true }, { cells: ['三年级一班', '12'], bold: false }, { cells: ['三年级二班', '7'], bold: false }] });
    expect(rec.elements[7]).toMatchObject({ type: 'image', contentType: 'image/png', width: 600, height: 360 });
    expect(rec.elements[9]).toMatchObject({ type: 'image', contentType: 'image/png', width: 480, height: 320 });
    // what the Charts service was asked to draw: the target is one more series, flat at its value
    expect(rec.elements[7]).toMatchObject({
      alt: '各班生均借阅',
      chart: { type: 'column', title: '各班生均借阅', xTitle: '', yTitle: '册', categories: ['三年级一班', '三年级二班'], series: [{ name: '生均', values: [2.4, 1.4] }, { name: '目标', values: [2, 2] }] },
    });
    expect(documentXml(rt.documents.docxPath(result.id))).toContain('<wp:docPr id="1" name="Chart 1" title="各班生均借阅" descr="各班生均借阅"/>');
    expect(readFileSync(rt.documents.htmlPath(result.id), 'utf8')).toContain('<img alt="各班生均借阅" width="600" height="360"');
    expect(rec.elements[9]).toMatchObject({ alt: '藏书分类', chart: { type: 'pie', categories: ['A', 'B', 'C–K', 'N–X', 'Z'], series: [{ name: '册', values: [15, 15, 640, 280, 50] }] } });
    // the PDF: exported after saveAndClose (nothing pending), stored once with the advanced Drive service
    expect(rec.exports).toHaveLength(1);
    expect(rec.exports[0].pendingEdits).toBe(0);
    const pdf = rt.documents.files.get(result.pdfId!)!;
    expect(pdf).toMatchObject({ name: '示例小学图书室 2026年3月工作计划.pdf', mimeType: 'application/pdf', version: 1, content: { kind: 'pdfExport', docId: result.id } });
    expect(result.pdfUrl).toBe(`https://drive.google.com/file/d/${result.pdfId}/view?usp=drivesdk`);
    // round trips, by hand: create 1 + one chart image each (2) + addViewers 1 + saveAndClose 1 + PDF export 1 + Drive upload 1
    expect(meter.calls).toBe(7);
    expect(meter.byMethod['Chart.getAs']).toBe(2);
    expect(meter.byMethod['Document.addViewers']).toBe(1);
    expect(meter.byMethod['Drive.Files.create']).toBe(1);
    expect(meter.byMethod['Body.appendParagraph']).toBe(3); // heading, paragraph, caption (the title reused the first paragraph)
    expect(meter.modeledMs).toBeGreaterThan(0);
  });

  it('writing again with the id replaces the content of the same document and PDF, and syncs the viewers: 10 round trips', () => {
    const rt = docsRuntime();
    const first = rt.invoke<WrittenDoc>('writeDocument', sample('2026年3月工作计划', '旧的内容'), { existingId: null, viewers: ['principal@school.example', 'lead@school.example'] }).result;
    const { result, meter } = rt.invoke<WrittenDoc>('writeDocument', sample('2026年3月工作计划（修订）', '新的内容'), {
      existingId: first.id, existingPdfId: first.pdfId, viewers: ['LEAD@school.example', 'new@school.example'],
    });
    expect(result.created).toBe(false);
    expect(result.id).toBe(first.id);
    expect(result.pdfId).toBe(first.pdfId);
    expect(rt.documents.docs.size).toBe(1);
    expect(rt.documents.files.size).toBe(1);
    expect(rt.documents.files.get(first.pdfId!)!).toMatchObject({ version: 2, name: '2026年3月工作计划（修订）.pdf' });
    const rec = rt.documents.docs.get(first.id)!;
    expect(rec.name).toBe('2026年3月工作计划（修订）');
    expect(rec.viewers).toEqual(['lead@school.example', 'new@school.example']);
    const xml = documentXml(rt.documents.docxPath(first.id));
    expect(xml).toContain('新的内容');
    expect(xml).not.toContain('旧的内容');
    expect(rec.elements).toHaveLength(10); // not 20: cleared, not appended to
    expect(rec.elements[0]).toMatchObject({ text: '2026年3月工作计划（修订）', heading: 'TITLE' });
    // openById 1 + setName 1 + 2 charts + getViewers 1 + removeViewer(principal) 1 + addViewers(new) 1 + save 1 + PDF 1 + Drive update 1
    expect(meter.calls).toBe(10);
    expect(meter.byMethod['Document.removeViewer']).toBe(1);
    expect(meter.byMethod['Drive.Files.update']).toBe(1);
    expect(meter.byMethod['DocumentApp.create']).toBeUndefined();
  });

  it('an id that no longer opens, or a PDF id that is not ours, makes new ones rather than failing', () => {
    const rt = docsRuntime();
    const r = rt.invoke<WrittenDoc>('writeDocument', sample('x'), { existingId: 'deleted-doc', existingPdfId: 'deleted-pdf', viewers: [] }).result;
    expect(r.created).toBe(true);
    expect(rt.documents.docs.has(r.id)).toBe(true);
    expect(r.pdfId).not.toBe('deleted-pdf');
    expect(rt.documents.files.size).toBe(1);
  });

  it('a title with <, = and 500 characters is written as text in the .docx and the HTML', () => {
    const rt = docsRuntime();
    const title = '=HYPERLINK("http://x")<b>&' + '书'.repeat(474);
    expect(title).toHaveLength(500);
    const r = rt.invoke<WrittenDoc>('writeDocument', { title, blocks: [
      { kind: 'title', text: title }, { kind: 'table', header: ['=1+1', '<i>'], rows: [['@a', '-2']] },
      { kind: 'table', header: [], rows: [['no header', 1, 2]] }, { kind: 'table', header: [], rows: [] },
    ] }, { existingId: null, viewers: [] }).result;
    expect(rt.documents.docs.get(r.id)!.name).toBe(title);
    // a table without a header has no blank first row; one with nothing at all is left out
    expect(rt.documents.docs.get(r.id)!.elements.slice(2)).toEqual([{ type: 'table', rows: [{ cells: ['no header', '1', '2'], bold: false }] }]);
    const xml = documentXml(rt.documents.docxPath(r.id));
    expect(xml).toContain('<w:t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)&lt;b&gt;&amp;' + '书'.repeat(474) + '</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve">=1+1</w:t>');
    expect(xml).toContain('&lt;i&gt;');
    expect(xml).not.toMatch(/<b>|<i>|w:fldSimple|w:instrText/);
    const html = readFileSync(rt.documents.htmlPath(r.id), 'utf8');
    expect(html).toContain('<title>=HYPERLINK(&#34;http://x&#34;)&#60;b&#62;&#38;');
    expect(html).toContain('<h1 class="doc-title">=HYPERLINK(&#34;http://x&#34;)&#60;b&#62;&#38;' + '书'.repeat(474) + '</h1>');
    expect(html).toContain('<th>&#60;i&#62;</th>');
    expect(html).not.toMatch(/<b>|<i>/);
  });

  it('without the advanced Drive service there is no PDF and no Drive call', () => {
    const rt = docsRuntime({}, { timeZone: 'Asia/Shanghai', oauthScopes: ['https://www.googleapis.com/auth/documents'] });
    const { result, meter } = rt.invoke<WrittenDoc>('writeDocument', sample('y'), { existingId: null, viewers: [] });
    expect(result.pdfUrl).toBeNull();
    expect(result.pdfId).toBeNull();
    expect(meter.byMethod['Document.getAs']).toBeUndefined();
    expect(rt.documents.files.size).toBe(0);
  });

  it('with pdf: false no PDF is made', () => {
    const rt = docsRuntime();
    const { result, meter } = rt.invoke<WrittenDoc>('writeDocument', sample('z'), { existingId: null, viewers: [], pdf: false });
    expect(result.pdfId).toBeNull();
    expect(meter.calls).toBe(4); // create + 2 charts + saveAndClose
  });

  it('writeKeptDocument keeps the ids in document properties: the second write replaces the first document', () => {
    const rt = docsRuntime();
    const a = rt.invoke<WrittenDoc>('writeKeptDocument', sample('三月计划', '第一版'), { key: 'doc.plan.2026-03', viewers: [] });
    expect(JSON.parse(rt.properties.document.get('doc.plan.2026-03')!)).toEqual({ id: a.result.id, pdfId: a.result.pdfId });
    expect(a.meter.byMethod['Properties.setProperty']).toBe(1);
    const b = rt.invoke<WrittenDoc>('writeKeptDocument', sample('三月计划', '第二版'), { key: 'doc.plan.2026-03', viewers: [] });
    expect(b.result.id).toBe(a.result.id);
    expect(b.result.created).toBe(false);
    expect(b.meter.byMethod['Properties.getProperty']).toBe(1);
    expect(b.meter.byMethod['Properties.setProperty']).toBeUndefined(); // nothing changed
    expect(rt.documents.docs.size).toBe(1);
    expect(documentXml(rt.documents.docxPath(a.result.id))).toContain('第二版');
    // another month is another document
    const c = rt.invoke<WrittenDoc>('writeKeptDocument', sample('四月计划'), { key: 'doc.plan.2026-04', viewers: [] });
    expect(c.result.id).not.toBe(a.result.id);
    expect(rt.documents.docs.size).toBe(2);
  });

  it('a bar chart puts its values across (x) and its categories up (y); extra series of a pie are left out', () => {
    const rt = docsRuntime();
    const r = rt.invoke<WrittenDoc>('writeDocument', { title: 'charts', blocks: [
      { kind: 'chart', spec: { type: 'bar', title: '各年级', categories: ['三年级', '四年级'], series: [{ name: '借阅', values: [3, 5] }], xLabel: '年级', yLabel: '册', width: 2000, height: 50 } },
      { kind: 'chart', spec: { type: 'pie', title: '饼', categories: ['a', 'b'], series: [{ name: 's1', values: [1, 2] }, { name: 's2', values: [3, 4] }], target: { label: 't', value: 9 } } },
    ] }, { existingId: null, viewers: [], pdf: false }).result;
    const els = rt.documents.docs.get(r.id)!.elements;
    // sizes are clamped to the page: at most 600 wide, at least 150 high
    expect(els[1]).toMatchObject({ width: 600, height: 150, chart: { type: 'bar', xTitle: '册', yTitle: '年级', series: [{ name: '借阅', values: [3, 5] }] } });
    expect(els[2]).toMatchObject({ chart: { type: 'pie', series: [{ name: 's1', values: [1, 2] }] } });
    expect((els[2] as { chart: { series: unknown[] } }).chart.series).toHaveLength(1);
  });
});
