import { AuthenticatedActor } from '@lc/access';
import { Locale } from '@lc/reference-data';
import { DocumentKind } from '../document-values';
import { RecordKind } from '../shared/record-streams';

export class GetDocumentQuery {
  constructor(
    readonly recordKind: RecordKind,
    readonly recordId: string,
    readonly kind: DocumentKind,
    readonly actor: AuthenticatedActor,
    readonly lang: Locale,
    /** Which letter of the kind; default: the latest issued on the record. */
    readonly letterId?: string,
  ) {}
}
