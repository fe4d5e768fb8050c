import { ImportKindName } from '../kinds/columns';

/** An empty spreadsheet with the kind's columns, headed in Chinese and English. */
export class GetImportTemplateQuery {
  constructor(
    readonly kind: ImportKindName,
    readonly format: 'csv' | 'xlsx',
  ) {}
}
