import { Locale } from '@lc/reference-data';
import { DocumentKind, DOCUMENT_TITLES } from './document-values';
import { DocumentValues, fillTemplate, loadTemplate, packageDocx } from './docx';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A document of a kind in a language, as a .docx, from its template and the values worked out from the events. */
export function renderDocument(kind: DocumentKind, lang: Locale, values: DocumentValues): Promise<Buffer> {
  return packageDocx(fillTemplate(loadTemplate(lang, kind), values), DOCUMENT_TITLES[kind][lang]);
}
