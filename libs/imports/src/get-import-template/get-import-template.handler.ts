import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { templateCsv, templateXlsx } from '../template';
import { GetImportTemplateQuery } from './get-import-template.query';

export interface ImportTemplate {
  content: Buffer;
  contentType: string;
  fileName: string;
}

/** The CSV template, or the XLSX one, which also explains each column. */
@QueryHandler(GetImportTemplateQuery)
export class GetImportTemplateHandler implements IQueryHandler<GetImportTemplateQuery, ImportTemplate> {
  async execute({ kind, format }: GetImportTemplateQuery): Promise<ImportTemplate> {
    return {
      content: format === 'csv' ? templateCsv(kind) : await templateXlsx(kind),
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `import-template-${kind}.${format}`,
    };
  }
}
