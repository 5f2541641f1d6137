// A local document (the model local/documents.ts keeps) written as a real .docx (WordprocessingML, zipped
// with fflate like local/xlsx.ts) that Word, LibreOffice and WPS open, and as an escaped HTML page for the
// preview. Every text is written as text: XML-escaped, characters XML cannot hold dropped.
import { strToU8, zipSync } from 'fflate';

export type DocElement =
  | { type: 'paragraph'; text: string; heading: string; bold: boolean; italic: boolean }
  | { type: 'listItem'; text: string; heading: string; glyph: string; bold: boolean; italic: boolean; listId: string }
  | { type: 'table'; rows: { cells: string[]; bold: boolean }[] }
  | { type: 'image'; contentType: string; base64: string; width: number; height: number; alt?: string;
      /** what local/charts.ts drew, when the image is a chart (a record for tests; not part of the .docx) */
      chart?: { type: string; title: string; xTitle: string; yTitle: string; categories: string[]; series: { name: string; values: number[] }[] } }
  | { type: 'pageBreak' };

export interface DocContent { name: string; elements: DocElement[] }

/** Lone surrogates are bad; pairs are fine: strip only unpaired ones. */
function xmlSafe(s: string): string {
  return s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, (m) => (m.length === 2 ? m : ''));
}
export const escXml = (s: string): string => xmlSafe(String(s)).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c] as string));
export const escHtml = (s: string): string => xmlSafe(String(s)).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const HEADING_STYLE: Record<string, string> = { TITLE: 'Title', SUBTITLE: 'Subtitle', HEADING1: 'Heading1', HEADING2: 'Heading2', HEADING3: 'Heading3', HEADING4: 'Heading4', HEADING5: 'Heading5', HEADING6: 'Heading6' };
const ORDERED = new Set(['NUMBER', 'LATIN_UPPER', 'LATIN_LOWER', 'ROMAN_UPPER', 'ROMAN_LOWER']);

function runs(text: string, bold: boolean, italic: boolean): string {
  const rPr = bold || italic ? `<w:rPr>${bold ? '<w:b/><w:bCs/>' : ''}${italic ? '<w:i/><w:iCs/>' : ''}</w:rPr>` : '';
  const out: string[] = [];
  const lines = String(text).split(/\r\n|\r|\n|\u000b/);
  lines.forEach((line, i) => {
    if (i > 0) out.push(`<w:r>${rPr}<w:br/></w:r>`);
    const tabs = line.split('\t');
    tabs.forEach((seg, j) => {
      if (j > 0) out.push(`<w:r>${rPr}<w:tab/></w:r>`);
      if (seg !== '') out.push(`<w:r>${rPr}<w:t xml:space="preserve">${escXml(seg)}</w:t></w:r>`);
    });
  });
  return out.join('');
}

const EMU_PER_PX = 9525;

/** The zipped .docx. */
export function buildDocx(doc: DocContent): Uint8Array {
  const body: string[] = [];
  const media: { name: string; bytes: Uint8Array; rid: string }[] = [];
  // one numbering instance per list (consecutive items with the same list id)
  const nums: { numId: number; ordered: boolean }[] = [];
  let lastList = '';
  let numId = 0;
  doc.elements.forEach((el, idx) => {
    if (el.type !== 'listItem') lastList = '';
    switch (el.type) {
      case 'paragraph': {
        const style = HEADING_STYLE[el.heading];
        body.push(`<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${runs(el.text, el.bold, el.italic)}</w:p>`);
        break;
      }
      case 'listItem': {
        const key = `${el.listId}|${ORDERED.has(el.glyph)}`;
        if (key !== lastList) { numId++; nums.push({ numId, ordered: ORDERED.has(el.glyph) }); lastList = key; }
        body.push(`<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${runs(el.text, el.bold, el.italic)}</w:p>`);
        break;
      }
      case 'table': {
        const cols = Math.max(1, ...el.rows.map((r) => r.cells.length));
        const colW = Math.floor(9000 / cols);
        const border = (s: string) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="808080"/>`;
        const rows = el.rows.map((r) => {
          const cells = [...r.cells, ...Array<string>(cols - r.cells.length).fill('')];
          return `<w:tr>${cells.map((c) => `<w:tc><w:tcPr><w:tcW w:w="${colW}" w:type="dxa"/></w:tcPr><w:p>${runs(c, r.bold, false)}</w:p></w:tc>`).join('')}</w:tr>`;
        });
        body.push(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr>`
          + `<w:tblGrid>${Array.from({ length: cols }, () => `<w:gridCol w:w="${colW}"/>`).join('')}</w:tblGrid>${rows.join('')}</w:tbl>`);
        // a table must be followed by a paragraph before the section properties
        if (idx === doc.elements.length - 1) body.push('<w:p/>');
        break;
      }
      case 'image': {
        const n = media.length + 1;
        const ext = el.contentType === 'image/jpeg' ? 'jpeg' : el.contentType === 'image/gif' ? 'gif' : 'png';
        const rid = `rIdImg${n}`;
        media.push({ name: `image${n}.${ext}`, bytes: new Uint8Array(Buffer.from(el.base64, 'base64')), rid });
        const cx = Math.round(el.width * EMU_PER_PX), cy = Math.round(el.height * EMU_PER_PX);
        body.push(`<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="${n}" name="Chart ${n}"${el.alt ? ` title="${escXml(el.alt)}" descr="${escXml(el.alt)}"` : ''}/>`
          + `<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`
          + `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`
          + `<pic:nvPicPr><pic:cNvPr id="${n}" name="image${n}.${ext}"/><pic:cNvPicPr/></pic:nvPicPr>`
          + `<pic:blipFill><a:blip r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`
          + `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`
          + `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`);
        break;
      }
      case 'pageBreak':
        body.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
        break;
    }
  });
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const lvl = (ordered: boolean) => ordered
    ? '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    : '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>';
  const numberingXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`
    + nums.map((n) => `<w:abstractNum w:abstractNumId="${n.numId}"><w:multiLevelType w:val="singleLevel"/>${lvl(n.ordered)}</w:abstractNum>`).join('')
    + nums.map((n) => `<w:num w:numId="${n.numId}"><w:abstractNumId w:val="${n.numId}"/></w:num>`).join('')
    + '</w:numbering>';
  const style = (id: string, name: string, size: number, extra = '') =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>${extra}</w:pPr><w:rPr><w:b/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;
  const stylesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="SimSun" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`
    + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + style('Title', 'Title', 52, '<w:jc w:val="center"/>') + style('Subtitle', 'Subtitle', 30)
    + style('Heading1', 'heading 1', 40, '<w:outlineLvl w:val="0"/>') + style('Heading2', 'heading 2', 32, '<w:outlineLvl w:val="1"/>')
    + style('Heading3', 'heading 3', 28, '<w:outlineLvl w:val="2"/>') + style('Heading4', 'heading 4', 24, '<w:outlineLvl w:val="3"/>')
    + style('Heading5', 'heading 5', 22, '<w:outlineLvl w:val="4"/>') + style('Heading6', 'heading 6', 22, '<w:outlineLvl w:val="5"/>')
    + '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
    + '</w:styles>';
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="gif" ContentType="image/gif"/>`
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    + '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    + '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
  const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`
    + media.map((m) => `<Relationship Id="${m.rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/${m.name}"/>`).join('')
    + '</Relationships>';
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escXml(doc.name)}</dc:title></cp:coreProperties>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rels),
    'docProps/core.xml': strToU8(core),
    'word/document.xml': strToU8(documentXml),
    'word/styles.xml': strToU8(stylesXml),
    'word/numbering.xml': strToU8(numberingXml),
    'word/_rels/document.xml.rels': strToU8(docRels),
  };
  for (const m of media) files[`word/media/${m.name}`] = m.bytes;
  return zipSync(files, { level: 6 });
}

const HTML_TAG: Record<string, string> = { TITLE: 'h1', SUBTITLE: 'h2', HEADING1: 'h2', HEADING2: 'h3', HEADING3: 'h4', HEADING4: 'h5', HEADING5: 'h6', HEADING6: 'h6' };

/** The document as one HTML page (every text escaped; images inline as data: URLs). */
export function buildHtml(doc: DocContent, lang = 'zh-CN'): string {
  const out: string[] = [];
  let openList: { tag: string; key: string } | null = null;
  const closeList = () => { if (openList) { out.push(`</${openList.tag}>`); openList = null; } };
  const inline = (t: string) => escHtml(t).replace(/\r\n|\r|\n|\u000b/g, '<br>');
  for (const el of doc.elements) {
    if (el.type !== 'listItem') closeList();
    switch (el.type) {
      case 'paragraph': {
        const tag = HTML_TAG[el.heading] ?? 'p';
        let t = inline(el.text);
        if (el.bold) t = `<strong>${t}</strong>`;
        if (el.italic) t = `<em>${t}</em>`;
        out.push(`<${tag}${tag === 'h1' ? ' class="doc-title"' : ''}>${t}</${tag}>`);
        break;
      }
      case 'listItem': {
        const tag = ORDERED.has(el.glyph) ? 'ol' : 'ul';
        const key = `${el.listId}|${tag}`;
        if (!openList || openList.key !== key) { closeList(); out.push(`<${tag}>`); openList = { tag, key }; }
        out.push(`<li>${inline(el.text)}</li>`);
        break;
      }
      case 'table':
        out.push('<table>' + el.rows.map((r, i) => {
          const tag = i === 0 && r.bold ? 'th' : 'td';
          return `<tr>${r.cells.map((c) => `<${tag}>${r.bold && tag === 'td' ? `<strong>${inline(c)}</strong>` : inline(c)}</${tag}>`).join('')}</tr>`;
        }).join('') + '</table>');
        break;
      case 'image':
        out.push(`<p class="doc-image"><img alt="${escHtml(el.alt ?? '')}" width="${el.width}" height="${el.height}" src="data:${escHtml(el.contentType)};base64,${el.base64}"></p>`);
        break;
      case 'pageBreak':
        out.push('<hr class="page-break">');
        break;
    }
  }
  closeList();
  return `<!doctype html><html lang="${escHtml(lang)}"><head><meta charset="utf-8"><title>${escHtml(doc.name)}</title><style>
body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',Arial,sans-serif;max-width:820px;margin:24px auto;padding:0 24px;color:#222;line-height:1.55}
h1.doc-title{text-align:center;font-size:26px}h2{font-size:20px;margin-top:28px}h3{font-size:17px}h4{font-size:15px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #888;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f2f2}
hr.page-break{border:0;border-top:2px dashed #bbb;margin:28px 0}.doc-image img{max-width:100%;height:auto}
</style></head><body>${out.join('\n')}</body></html>`;
}
