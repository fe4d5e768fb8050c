import { Controller, Get, HttpCode, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, instantSchema, ProblemResponses, ValidationFailedError, ZodParam, ZodQuery, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { ImportDryRun } from '../check-import/check-import.handler';
import { CheckImportQuery } from '../check-import/check-import.query';
import { ImportTemplate } from '../get-import-template/get-import-template.handler';
import { GetImportTemplateQuery } from '../get-import-template/get-import-template.query';
import { GetImportQuery } from '../get-import/get-import.query';
import { IMPORT_STATES, ImportStatus } from '../import-records';
import { IMPORT_KINDS } from '../kinds/columns';
import { StartImportCommand } from '../start-import/start-import.command';
import { UploadedImport } from '../upload';

/** 10 MB: some 50,000 rows of CSV, more than a district's whole history of any kind. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const kind = z.enum(IMPORT_KINDS, { error: `must be one of ${IMPORT_KINDS.join(', ')}` });
const importQuery = z.strictObject({
  kind,
  /** true: check every row and report, write nothing. */
  dryRun: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});
const templateQuery = z.strictObject({ kind, format: z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }).optional() });

const rowErrorSchema = z.object({
  row: z.number().int().meta({ description: 'the row in the file (the header is row 1)' }),
  column: z.string().nullable().meta({ description: 'the header as written in the file; null for the row as a whole' }),
  field: z.string().nullable().meta({ description: 'the column’s English key' }),
  message: z.string(),
});
const importStatusSchema = z
  .object({
    id: z.uuid(),
    kind: kind,
    fileName: z.string().nullable(),
    fileHash: z.string(),
    format: z.enum(['csv', 'xlsx']),
    state: z.enum(IMPORT_STATES),
    rowsTotal: z.number().int(),
    rowsDone: z.number().int(),
    rowsWritten: z.number().int().meta({ description: 'rows that became new records' }),
    rowsAlreadyImported: z.number().int().meta({ description: 'rows an earlier import of the same file had written: nothing was added for them' }),
    errors: z.array(rowErrorSchema),
    message: z.string().nullable(),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    finishedAt: instantSchema.nullable(),
  })
  .meta({ title: 'ImportStatus' });
const dryRunSchema = z
  .object({
    dryRun: z.literal(true),
    kind: kind,
    fileName: z.string().nullable(),
    fileHash: z.string(),
    format: z.enum(['csv', 'xlsx']),
    rowsTotal: z.number().int(),
    rowsValid: z.number().int(),
    rowsWithErrors: z.number().int(),
    rowsAlreadyImported: z.number().int(),
    errors: z.array(rowErrorSchema).meta({ description: 'every error of every row, in file order: cells, schema and business rules together' }),
  })
  .meta({ title: 'ImportDryRun' });

/** What multer hands over for the `file` field (memory storage). */
interface UploadedSpreadsheet {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/**
 * Past years' records from the federation's spreadsheets. Admins only: an import writes history
 * for every sub-district at once.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Allow('admin')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Multipart, field `file`: CSV (UTF-8, with or without BOM) or XLSX, headers in Chinese or
   * English (see the template). Every row is checked first as the API would check it; with
   * dryRun=true the answer is that report and nothing is written. Otherwise a file with a bad row
   * is refused whole (400), and a good one is queued (202) and written by the worker; follow it at
   * GET /imports/{id}. Rows are identified by the file's content and their row number, so the
   * same file imported again adds nothing.
   */
  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @Describe('Imports past records from a spreadsheet', 'Multipart field `file`: CSV (UTF-8) or XLSX, headers in Chinese or English (see the template). Every row is checked first as the API would check it, duplicate work-order and court case numbers included. `dryRun=true` answers that report (200) and writes nothing; otherwise a file with a bad row is refused whole (400, every bad row named), and a good one is queued (202) and written by the worker: follow it at GET /imports/{id}. The same file imported again adds nothing.')
  @ZodResponse(200, dryRunSchema, 'dryRun=true: the report; nothing written')
  @ZodResponse(202, importStatusSchema, 'Queued', { location: true })
  @ProblemResponses(400, 401, 403, 413, 503)
  async import(
    @ZodQuery(importQuery) query: z.output<typeof importQuery>,
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!file) throw new ValidationFailedError([{ field: 'file', message: 'is required: send the spreadsheet as multipart/form-data field "file"' }]);
    const upload: UploadedImport = { kind: query.kind, content: file.buffer, fileName: fileName(file) };
    if (query.dryRun === 'true') {
      const report: ImportDryRun = await this.queries.execute(new CheckImportQuery(upload, actor));
      res.status(200);
      return report;
    }
    const status: ImportStatus = await this.commands.execute(new StartImportCommand(upload, actor));
    res.setHeader('Location', `/api/v1/imports/${status.id}`);
    return status;
  }

  /** An empty spreadsheet with the kind's columns, headed in Chinese and English; the XLSX explains each column. */
  @Get('template')
  @Describe('An empty spreadsheet for a kind', 'Its columns headed in Chinese and English; the XLSX explains each column.')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, description: 'The template', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } })
  @ProblemResponses(400, 401, 403)
  async template(@ZodQuery(templateQuery) query: z.output<typeof templateQuery>, @Res() res: Response) {
    const template: ImportTemplate = await this.queries.execute(new GetImportTemplateQuery(query.kind, query.format ?? 'csv'));
    res.setHeader('Content-Type', template.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${template.fileName}"`);
    res.send(template.content);
  }

  @Get(':id')
  @Describe('An import’s progress', 'Its state (queued, validating, writing, completed, failed), the rows done and written, and its errors.')
  @ZodResponse(200, importStatusSchema, 'The import')
  @ProblemResponses(400, 401, 403, 404)
  status(@ZodParam('id', z.uuid('must be the id (uuid) of an import')) id: string) {
    return this.queries.execute(new GetImportQuery(id));
  }
}

/** Multer reads the multipart filename as latin1; browsers send UTF-8 (中文.xlsx). */
function fileName(file: UploadedSpreadsheet): string | null {
  if (!file.originalname) return null;
  return Buffer.from(file.originalname, 'latin1').toString('utf8');
}
