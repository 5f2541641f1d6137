// Semantics of the emulated DocumentApp, Charts and advanced Drive service (local/documents.ts, local/charts.ts),
// and the .docx / HTML they save.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { makeRt, run } from './helpers';
import { unwrap } from '../../local/index';
import { cjkFonts } from '../../local/chartpng';
import { decodePng, darkPixels } from '../support/png';

const MANIFEST = JSON.stringify({
  timeZone: 'Asia/Shanghai',
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }] },
  oauthScopes: ['https://www.googleapis.com/auth/documents', 'https://www.googleapis.com/auth/drive.file'],
});
const docsRt = () => makeRt({}, undefined, { 'appsscript.json': MANIFEST });

function docxParts(path: string): Record<string, string> {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, k.endsWith('.png') ? `<png ${v.length}>` : strFromU8(v)]));
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const bytesOf = (blob: unknown): Uint8Array => (unwrap(blob) as unknown as { _bytes: Uint8Array })._bytes;

/** A column chart with the given category labels, no title, no legend, no axis titles (labels sit at the bottom). */
function chartBytes(rt: ReturnType<typeof makeRt>, labels: string[]): Uint8Array {
  const { result } = run(rt, `
    var t = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, '').addColumn(Charts.ColumnType.NUMBER, 'n');
    args[0].forEach(function (l, i) { t.addRow([l, i + 1]); });
    return Charts.newColumnChart().setDataTable(t).setDimensions(400, 200).setLegendPosition(Charts.Position.NONE).build().getAs('image/png');
  `, labels);
  return bytesOf(result);
}

describe('DocumentApp', () => {
  it('writes a real .docx: texts, heading styles, lists, a table with a bold header, an image, a page break', () => {
    const rt = docsRt();
    const { result } = run(rt, `
      var doc = DocumentApp.create('测试文档');
      var body = doc.getBody();
      body.appendParagraph('标题 <&>').setHeading(DocumentApp.ParagraphHeading.TITLE);
      body.appendParagraph('一、馆藏').setHeading(DocumentApp.ParagraphHeading.HEADING1);
      body.appendParagraph('=SUM(A1:A3) 是文字');
      body.appendListItem('第一项').setGlyphType(DocumentApp.GlyphType.NUMBER);
      body.appendListItem('第二项').setGlyphType(DocumentApp.GlyphType.NUMBER);
      var t = body.appendTable([['班级', '借阅'], ['三年级一班', '12']]);
      t.getRow(0).editAsText().setBold(true);
      var png = Charts.newPieChart().setDataTable(Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'c').addColumn(Charts.ColumnType.NUMBER, 'n').addRow(['A', 1]).addRow(['B', 2]))
        .setDimensions(300, 200).build().getAs('image/png');
      body.appendImage(png);
      body.appendPageBreak();
      body.appendParagraph('end');
      doc.saveAndClose();
      return doc.getId();
    `);
    const id = result as string;
    const rec = rt.documents.docs.get(id)!;
    expect(rec.name).toBe('测试文档');
    const parts = docxParts(rt.documents.docxPath(id));
    for (const p of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/_rels/document.xml.rels']) {
      expect(parts[p], p).toBeDefined();
      expect(XMLValidator.validate(parts[p]), p).toBe(true);
    }
    const xml = parts['word/document.xml'];
    expect(xml).toContain('<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">标题 &lt;&amp;&gt;</w:t>');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('=SUM(A1:A3) 是文字');
    expect(xml.match(/<w:numId w:val="1"\/>/g)).toHaveLength(2); // the two items are one list
    expect(parts['word/numbering.xml']).toContain('<w:numFmt w:val="decimal"/>');
    expect(xml).toMatch(/<w:tbl>.*<w:tr><w:tc>.*<w:b\/>.*班级.*<\/w:tr><w:tr>.*三年级一班.*12.*<\/w:tbl>/);
    expect(xml).toContain('<w:br w:type="page"/>');
    expect(xml).toMatch(/<a:blip r:embed="rIdImg1"\/>/);
    expect(parts['word/_rels/document.xml.rels']).toContain('Target="media/image1.png"');
    expect(parts['word/media/image1.png']).toMatch(/^<png \d+>$/);
    // the body of a new document starts with its one empty paragraph
    expect(rec.elements[0]).toEqual({ type: 'paragraph', text: '', heading: 'NORMAL', bold: false, italic: false });
    // and the HTML rendering escapes what it shows
    const html = readFileSync(rt.documents.htmlPath(id), 'utf8');
    expect(html).toContain('<h1 class="doc-title">标题 &#60;&#38;&#62;</h1>');
    expect(html).toContain('<th>班级</th>');
    expect(html).toMatch(/<img [^>]*src="data:image\/png;base64,iVBORw0KGgo/);
    expect(html).not.toContain('<&>');
  });

  it('openById of an unknown id throws as the platform does; a created document opens again by id', () => {
    const rt = docsRt();
    expect(() => run(rt, `DocumentApp.openById('no-such-doc');`)).toThrow("Document is missing (perhaps it was deleted, or you don't have read access?)");
    const id = run(rt, `return DocumentApp.create('x').getId();`).result as string;
    expect(run(rt, `return DocumentApp.openById(args[0]).getName();`, id).result).toBe('x');
  });

  it('a closed document cannot be edited; clear leaves one empty paragraph; edits left open are saved when the execution ends', () => {
    const rt = docsRt();
    expect(() => run(rt, `var d = DocumentApp.create('c'); var b = d.getBody(); d.saveAndClose(); b.appendParagraph('late');`))
      .toThrow('Document is closed, its contents cannot be updated.');
    const id = run(rt, `var d = DocumentApp.create('open'); d.getBody().appendParagraph('kept'); return d.getId();`).result as string;
    const rec = rt.documents.docs.get(id)!;
    expect(rec.savedRevision).toBe(rec.revision);
    expect(docxParts(rt.documents.docxPath(id))['word/document.xml']).toContain('kept');
    run(rt, `var b = DocumentApp.openById(args[0]).getBody(); b.clear(); return b.getNumChildren();`, id);
    expect(rt.documents.docs.get(id)!.elements).toEqual([{ type: 'paragraph', text: '', heading: 'NORMAL', bold: false, italic: false }]);
  });

  it('appendImage refuses SVG; getAs converts only to PDF, recorded with whether edits were still pending', () => {
    const rt = docsRt();
    expect(() => run(rt, `DocumentApp.create('i').getBody().appendImage(Utilities.newBlob('<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'));`))
      .toThrow('Invalid image data.');
    expect(() => run(rt, `DocumentApp.create('w').getAs('application/vnd.openxmlformats-officedocument.wordprocessingml.document');`)).toThrow(/not supported/);
    const id = run(rt, `
      var d = DocumentApp.create('p'); d.getBody().appendParagraph('a');
      var early = d.getAs('application/pdf');
      d.saveAndClose();
      var late = d.getAs('application/pdf');
      return d.getId();`).result as string;
    const ex = rt.documents.docs.get(id)!.exports;
    expect(ex).toHaveLength(2);
    expect(ex[0].pendingEdits).toBeGreaterThan(0); // before saveAndClose: the export misses the paragraph
    expect(ex[1].pendingEdits).toBe(0);
    // a recorded export has no PDF bytes to hand out
    expect(() => run(rt, `DocumentApp.openById(args[0]).getAs('application/pdf').getBytes();`, id)).toThrow(/recorded, not rendered/);
  });

  it('viewers: addViewers and removeViewer, owner not added, bad addresses refused', () => {
    const rt = docsRt();
    const id = run(rt, `var d = DocumentApp.create('v'); d.addViewers(['a@x.example', 'librarian@school.example', 'b@x.example']); d.removeViewer('a@x.example'); return d.getId();`).result as string;
    expect(rt.documents.docs.get(id)!.viewers).toEqual(['b@x.example']);
    expect(() => run(rt, `DocumentApp.openById(args[0]).addViewer('not an address');`, id)).toThrow(/Invalid argument/);
  });

  it('needs the documents scope when the manifest lists scopes', () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': JSON.stringify({ oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] }) });
    expect(() => run(rt, `DocumentApp.create('x');`)).toThrow('You do not have permission to call DocumentApp.create. Required permissions: https://www.googleapis.com/auth/documents');
  });
});

describe('advanced Drive service (v3, drive.file)', () => {
  it('exists only when appsscript.json enables it', () => {
    expect(run(makeRt(), `return typeof Drive;`).result).toBe('undefined');
    expect(run(docsRt(), `return typeof Drive.Files.create;`).result).toBe('function');
  });
  it('create answers the default fields unless asked; update reaches only files the script made', () => {
    const rt = docsRt();
    const r = run(rt, `
      var blob = Utilities.newBlob('hello', 'text/plain', 'a.txt');
      var plain = Drive.Files.create({ name: 'a.txt' }, blob);
      var rich = Drive.Files.create({ name: 'b.txt' }, blob, { fields: 'id,webViewLink' });
      var upd = Drive.Files.update({ name: 'b2.txt' }, rich.id, blob, { fields: 'id,name' });
      return { plain: plain, rich: rich, upd: upd };`).result as Record<string, Record<string, string>>;
    expect(Object.keys(r.plain).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    expect(r.rich.webViewLink).toBe(`https://drive.google.com/file/d/${r.rich.id}/view?usp=drivesdk`);
    expect(r.upd).toEqual({ id: r.rich.id, name: 'b2.txt' });
    expect(rt.documents.files.get(r.rich.id)!.version).toBe(2);
    expect(() => run(rt, `Drive.Files.update({}, 'someone-elses-file', Utilities.newBlob('x'));`))
      .toThrow('API call to drive.files.update failed with error: File not found: someone-elses-file.');
  });
});

describe('Charts', () => {
  it('build().getAs("image/png") is a real PNG of the chart\'s dimensions', () => {
    const rt = docsRt();
    const bytes = chartBytes(rt, ['A', 'B', 'C']);
    expect([...bytes.slice(0, 8)]).toEqual(PNG_SIG);
    const img = decodePng(bytes);
    expect([img.width, img.height]).toEqual([400, 200]);
    // bars were drawn: the default first colour #3366cc appears
    let blue = 0;
    for (let i = 0; i < img.data.length; i += img.channels) if (img.data[i] === 0x33 && img.data[i + 1] === 0x66 && img.data[i + 2] === 0xcc) blue++;
    expect(blue).toBeGreaterThan(1000);
    expect(() => run(rt, `Charts.newColumnChart().setDataTable(Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'a')).build().getAs('image/svg+xml');`)).toThrow();
    expect(() => run(rt, `Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'a').addColumn(Charts.ColumnType.NUMBER, 'n').addRow(['x']);`)).toThrow();
  });

  it('Chinese labels render as glyphs: ink where the labels are, and different characters draw differently', () => {
    expect(cjkFonts().length, 'a CJK font is installed (apt-get install -y fonts-noto-cjk)').toBeGreaterThan(0);
    const rt = docsRt();
    // 400×200, no title/legend/axis titles: the plot ends at y = 200 - 6 - 18 = 176; labels sit below it (baseline 190)
    const labelBox = (png: Uint8Array) => darkPixels(decodePng(png), 40, 178, 400, 200, 220);
    const none = labelBox(chartBytes(rt, ['', '']));
    const heavy = labelBox(chartBytes(rt, ['借阅藏书', '图书馆室']));
    const light = labelBox(chartBytes(rt, ['一一一一', '二二二二']));
    expect(none).toBe(0);
    expect(light).toBeGreaterThan(40);
    // a font without CJK draws the same .notdef box for every character (measured: equal ink for both label
    // sets with DejaVu Sans alone) or nothing at all; real glyphs differ in ink (借阅藏书 about 2.7× 一一一一)
    expect(heavy).toBeGreaterThan(light * 2);
  });
});
