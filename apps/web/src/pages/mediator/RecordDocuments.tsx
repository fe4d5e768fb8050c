import { Button, message } from 'antd';
import { answer, api } from '../../api/client';
import { saveBlob } from '../../api/download';
import type { DeskTranslate } from './i18n';

export type RecordDocumentKind = 'mediation-agreement' | 'judicial-confirmation-application' | 'referral-feedback';

/**
 * One download button for each document the record can have right now (its detail's `documents`):
 * DOCX made by the API from the record's events, in the page's language, saved under the record's
 * number and the document's name.
 */
export function RecordDocuments(props: {
  record: 'disputes' | 'mediations';
  id: string;
  documents: readonly RecordDocumentKind[] | undefined;
  fileStem: string;
  language: 'zh' | 'en';
  t: DeskTranslate;
}) {
  const { record, id, documents, fileStem, language, t } = props;
  const download = async (kind: RecordDocumentKind) => {
    const request = { params: { path: { id, kind }, header: { 'accept-language': language === 'en' ? 'en' : 'zh-CN' } }, parseAs: 'blob' as const };
    try {
      // Two routes with the same parameters and answer: the typed client needs each path spelled out.
      const blob = await answer<Blob>(
        record === 'disputes'
          ? api.GET('/api/v1/disputes/{id}/documents/{kind}', request)
          : api.GET('/api/v1/mediations/{id}/documents/{kind}', request),
      );
      // A case has one document, named by its number; a mediation's are told apart by their kind.
      saveBlob(blob, record === 'disputes' ? `${fileStem}.docx` : `${fileStem}-${kind}.docx`);
    } catch (failure) {
      void message.error(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <>
      {(documents ?? []).map((kind) => (
        <Button key={kind} data-testid={`download-${kind}`} onClick={() => void download(kind)}>
          {t(`desk.document.${kind}`)}
        </Button>
      ))}
    </>
  );
}
