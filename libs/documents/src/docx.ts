import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';

/*
 * DOCX out of a template: the template is the WordprocessingML body of the document
 * (word/document.xml), kept as a text file under libs/documents/templates/<lang>/<kind>.xml, with
 * placeholders {{name}} each inside one run's <w:t>. The rest of the package (content types,
 * relationships, default fonts) is the same for every document and written here. See ADR 0013.
 *
 * Values are inserted as text: XML-escaped, characters XML cannot carry dropped, line breaks as
 * <w:br/>. The template is scanned once, so a value that looks like a placeholder ({{x}}) stays
 * text: what users typed can never become template syntax.
 */

export type DocumentValues = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{(\w+)\}\}/g;
/** XML 1.0 allows tab, LF, CR and from U+0020 on (the input guard already refuses NUL and lone surrogates). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A value as run content: lines joined by breaks inside the run the placeholder stood in. */
function runText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(escapeXml)
    .join('</w:t><w:br/><w:t xml:space="preserve">');
}

/** The names a template asks for, sorted and without repeats. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/** The template with every placeholder replaced; a placeholder without a value is a bug in the caller. */
export function fillTemplate(template: string, values: DocumentValues): string {
  const missing = placeholdersOf(template).filter((name) => typeof values[name] !== 'string');
  if (missing.length > 0) throw new Error(`no value for the template's placeholders ${missing.join(', ')}`);
  return template.replace(PLACEHOLDER, (_, name: string) => runText(values[name]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
// 仿宋 at 三号 (16 pt) is what official letters use; WPS and Word fall back to another CJK font without it.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="400" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>`;

function coreProperties(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:creator>labour-cases</dc:creator></cp:coreProperties>`;
}

/** A fixed timestamp in the zip entries: the same record gives the same bytes. */
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

/** The .docx package of a filled document.xml. */
export async function packageDocx(documentXml: string, title: string): Promise<Buffer> {
  const zip = new JSZip();
  const add = (path: string, content: string) => zip.file(path, content, { date: ZIP_DATE });
  add('[Content_Types].xml', CONTENT_TYPES);
  add('_rels/.rels', ROOT_RELS);
  add('docProps/core.xml', coreProperties(title));
  add('word/_rels/document.xml.rels', DOCUMENT_RELS);
  add('word/styles.xml', STYLES);
  add('word/document.xml', documentXml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * The templates folder, found upwards from this file: libs/documents/src in the sources,
 * dist/apps/<app>/libs/documents/src once built (the image copies libs/documents/templates).
 */
function templatesRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'libs', 'documents', 'templates');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`libs/documents/templates not found above ${__dirname}`);
  }
}

const cache = new Map<string, string>();

/** A template's text (read once per process). */
export function loadTemplate(lang: string, kind: string): string {
  const key = `${lang}/${kind}`;
  let template = cache.get(key);
  if (template === undefined) {
    template = readFileSync(join(templatesRoot(), lang, `${kind}.xml`), 'utf8');
    cache.set(key, template);
  }
  return template;
}

/** The text of a .docx's body, paragraphs on lines: what the tests read back. */
export async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/\r?\n/g, '')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
