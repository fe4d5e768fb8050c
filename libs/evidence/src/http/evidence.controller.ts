import { Controller, Delete, Get, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, ProblemResponses, RequestMeta, ValidationFailedError, withETag, ZodParam, ZodResponse } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { unstorableTextProblem } from '@lc/decider';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { AttachEvidenceCommand, EvidenceAttachedAnswer } from '../attach-evidence/attach-evidence';
import { EvidenceRecordKind } from '../evidence/evidence-records';
import { EVIDENCE_CONTENT_TYPES } from '../evidence/file-type';
import { GetEvidenceFileQuery, EvidenceDownload, ListEvidenceQuery } from '../read-evidence/read-evidence';
import { RemoveEvidenceCommand } from '../remove-evidence/remove-evidence';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor';
import { evidenceAttachedSchema, evidenceListSchema, evidenceRemovedSchema } from './evidence.responses';

const id = (what: string) => z.uuid(`must be the id (uuid) of ${what}`);
const fileId = z.uuid('must be the id (uuid) of an evidence file');

// Text the database can store (no NUL, no lone surrogate), as the input guard checks for JSON bodies.
const description = z
  .string({ error: 'is required: what the file shows (工资单, 考勤记录, 厂门口通知照片...)' })
  .trim()
  .min(1, 'is required: what the file shows')
  .max(2000, 'is 2000 characters at most');

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['description', 'file'],
    properties: {
      description: { type: 'string', maxLength: 2000, description: 'What the file shows' },
      file: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG, HEIC, DOCX or XLSX (told from the content); at most EVIDENCE_MAX_BYTES (20 MB by default)' },
    },
  },
};

/** What multer leaves on the request: `file` (memory storage) and the text fields in `body`. */
type UploadRequest = Request;

/** Multer reads the part's filename as latin1; browsers send UTF-8 (工资单.pdf). Only the last path segment, no control characters. */
function uploadedName(original: string | undefined): string {
  const name = Buffer.from(original ?? '', 'latin1').toString('utf8');
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean && !unstorableTextProblem(clean) ? clean : 'evidence';
}

/** RFC 6266 / RFC 5987: an ASCII fallback for old clients, and the UTF-8 name for the others. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/*
 * Evidence kept with dispute cases, mediations and alerts. Who sees a record sees its files (the
 * detail route's scope: others get 404); those who work it attach and remove them; an informant
 * attaches photos to their own alerts from the phone.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  // ---- dispute cases ----------------------------------------------------------------------------

  /** Multipart: `description` and `file`. 201 with the file; 200 with the file already there when the record holds these bytes. */
  @Post('disputes/:id/evidence')
  @Allow('admin', 'mediator')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @UseInterceptors(EvidenceUploadInterceptor)
  @Describe('Attaches an evidence file to a dispute case', 'Multipart: `description` and `file` (PDF, JPEG, PNG, HEIC, DOCX or XLSX, told from the content; at most EVIDENCE_MAX_BYTES). 201 with the file; 200 with the file already there when the record holds these bytes.', { command: 'create' })
  @ZodResponse(201, evidenceAttachedSchema, 'Attached', { etag: true, location: true })
  @ZodResponse(200, evidenceAttachedSchema, 'The record held these bytes already', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 413, 415, 422)
  attachToDispute(
    @ZodParam('id', id('a dispute case')) recordId: string,
    @Req() req: UploadRequest,
    @Res({ passthrough: true }) res: Response,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.attach('disputes', recordId, req, meta, res);
  }

  @Get('disputes/:id/evidence')
  // The files are the stream's; who attached each is named from the accounts read model, which may lag.
  @ReadsModels(FROM_EVENT_STREAM, 'accounts')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('The evidence files of a dispute case', 'Oldest first, from the record’s own events; removed files are on its timeline. Who sees the record sees its files.')
  @ZodResponse(200, evidenceListSchema, 'The files', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  listOfDispute(@ZodParam('id', id('a dispute case')) recordId: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    return this.list('disputes', recordId, actor, res);
  }

  @Get('disputes/:id/evidence/:fileId')
  @Allow('admin', 'supervisor', 'mediator')
  @ApiProduces(...EVIDENCE_CONTENT_TYPES)
  @ApiOkResponse({ description: 'The file, byte for byte', content: Object.fromEntries(EVIDENCE_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) })
  @Describe('Downloads an evidence file of a dispute case', 'Byte for byte, with its checked type, `X-Content-Type-Options: nosniff` and an RFC 5987 Content-Disposition. An erased file answers 410.')
  @ProblemResponses(400, 401, 403, 404, 410)
  downloadOfDispute(
    @ZodParam('id', id('a dispute case')) recordId: string,
    @ZodParam('fileId', fileId) file: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() res: Response,
  ) {
    return this.download('disputes', recordId, file, actor, res);
  }

  @Delete('disputes/:id/evidence/:fileId')
  @Allow('admin', 'mediator')
  @Describe('Removes an evidence file from a dispute case', 'The fact stays on the record’s timeline (who, when, which file and its hash); the bytes are deleted. An informant removes only what they attached.', { command: 'create' })
  @ZodResponse(200, evidenceRemovedSchema, 'Removed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  removeFromDispute(
    @ZodParam('id', id('a dispute case')) recordId: string,
    @ZodParam('fileId', fileId) file: string,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.remove('disputes', recordId, file, meta);
  }

  // ---- mediations -------------------------------------------------------------------------------

  /** Multipart: `description` and `file`. 201 with the file; 200 with the file already there when the record holds these bytes. */
  @Post('mediations/:id/evidence')
  @Allow('admin', 'mediator')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @UseInterceptors(EvidenceUploadInterceptor)
  @Describe('Attaches an evidence file to a mediation', 'Multipart: `description` and `file` (PDF, JPEG, PNG, HEIC, DOCX or XLSX, told from the content; at most EVIDENCE_MAX_BYTES). 201 with the file; 200 with the file already there when the record holds these bytes.', { command: 'create' })
  @ZodResponse(201, evidenceAttachedSchema, 'Attached', { etag: true, location: true })
  @ZodResponse(200, evidenceAttachedSchema, 'The record held these bytes already', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 413, 415, 422)
  attachToMediation(
    @ZodParam('id', id('a mediation')) recordId: string,
    @Req() req: UploadRequest,
    @Res({ passthrough: true }) res: Response,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.attach('mediations', recordId, req, meta, res);
  }

  @Get('mediations/:id/evidence')
  // The files are the stream's; who attached each is named from the accounts read model, which may lag.
  @ReadsModels(FROM_EVENT_STREAM, 'accounts')
  @Allow('admin', 'supervisor', 'mediator')
  @Describe('The evidence files of a mediation', 'Oldest first, from the record’s own events; removed files are on its timeline. Who sees the record sees its files.')
  @ZodResponse(200, evidenceListSchema, 'The files', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  listOfMediation(@ZodParam('id', id('a mediation')) recordId: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    return this.list('mediations', recordId, actor, res);
  }

  @Get('mediations/:id/evidence/:fileId')
  @Allow('admin', 'supervisor', 'mediator')
  @ApiProduces(...EVIDENCE_CONTENT_TYPES)
  @ApiOkResponse({ description: 'The file, byte for byte', content: Object.fromEntries(EVIDENCE_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) })
  @Describe('Downloads an evidence file of a mediation', 'Byte for byte, with its checked type, `X-Content-Type-Options: nosniff` and an RFC 5987 Content-Disposition. An erased file answers 410.')
  @ProblemResponses(400, 401, 403, 404, 410)
  downloadOfMediation(
    @ZodParam('id', id('a mediation')) recordId: string,
    @ZodParam('fileId', fileId) file: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() res: Response,
  ) {
    return this.download('mediations', recordId, file, actor, res);
  }

  @Delete('mediations/:id/evidence/:fileId')
  @Allow('admin', 'mediator')
  @Describe('Removes an evidence file from a mediation', 'The fact stays on the record’s timeline (who, when, which file and its hash); the bytes are deleted. An informant removes only what they attached.', { command: 'create' })
  @ZodResponse(200, evidenceRemovedSchema, 'Removed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  removeFromMediation(
    @ZodParam('id', id('a mediation')) recordId: string,
    @ZodParam('fileId', fileId) file: string,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.remove('mediations', recordId, file, meta);
  }

  // ---- alerts -----------------------------------------------------------------------------------

  /** Multipart: `description` and `file`. An informant attaches photos to their own alerts. */
  @Post('alerts/:id/evidence')
  @Allow('admin', 'supervisor', 'mediator', 'informant')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @UseInterceptors(EvidenceUploadInterceptor)
  @Describe('Attaches an evidence file to an alert', 'Multipart: `description` and `file` (PDF, JPEG, PNG, HEIC, DOCX or XLSX, told from the content; at most EVIDENCE_MAX_BYTES). 201 with the file; 200 with the file already there when the record holds these bytes.', { command: 'create' })
  @ZodResponse(201, evidenceAttachedSchema, 'Attached', { etag: true, location: true })
  @ZodResponse(200, evidenceAttachedSchema, 'The record held these bytes already', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 413, 415, 422)
  attachToAlert(
    @ZodParam('id', id('an alert')) recordId: string,
    @Req() req: UploadRequest,
    @Res({ passthrough: true }) res: Response,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.attach('alerts', recordId, req, meta, res);
  }

  @Get('alerts/:id/evidence')
  // The files are the stream's; who attached each is named from the accounts read model, which may lag.
  @ReadsModels(FROM_EVENT_STREAM, 'accounts')
  @Allow('admin', 'supervisor', 'mediator', 'informant')
  @Describe('The evidence files of an alert', 'Oldest first, from the record’s own events; removed files are on its timeline. Who sees the record sees its files.')
  @ZodResponse(200, evidenceListSchema, 'The files', { etag: true, fresh: true })
  @ProblemResponses(400, 401, 403, 404)
  listOfAlert(@ZodParam('id', id('an alert')) recordId: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    return this.list('alerts', recordId, actor, res);
  }

  @Get('alerts/:id/evidence/:fileId')
  @Allow('admin', 'supervisor', 'mediator', 'informant')
  @ApiProduces(...EVIDENCE_CONTENT_TYPES)
  @ApiOkResponse({ description: 'The file, byte for byte', content: Object.fromEntries(EVIDENCE_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) })
  @Describe('Downloads an evidence file of an alert', 'Byte for byte, with its checked type, `X-Content-Type-Options: nosniff` and an RFC 5987 Content-Disposition. An erased file answers 410.')
  @ProblemResponses(400, 401, 403, 404, 410)
  downloadOfAlert(
    @ZodParam('id', id('an alert')) recordId: string,
    @ZodParam('fileId', fileId) file: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() res: Response,
  ) {
    return this.download('alerts', recordId, file, actor, res);
  }

  @Delete('alerts/:id/evidence/:fileId')
  @Allow('admin', 'supervisor', 'mediator', 'informant')
  @Describe('Removes an evidence file from an alert', 'The fact stays on the record’s timeline (who, when, which file and its hash); the bytes are deleted. An informant removes only what they attached.', { command: 'create' })
  @ZodResponse(200, evidenceRemovedSchema, 'Removed', { etag: true })
  @ProblemResponses(400, 401, 403, 404, 409, 422)
  removeFromAlert(
    @ZodParam('id', id('an alert')) recordId: string,
    @ZodParam('fileId', fileId) file: string,
    @RequestMeta('create') meta: CommandMeta,
  ) {
    return this.remove('alerts', recordId, file, meta);
  }

  // ---- the same for each kind -------------------------------------------------------------------

  private async attach(kind: EvidenceRecordKind, recordId: string, req: UploadRequest, meta: CommandMeta, res: Response) {
    const parsed = description.safeParse((req.body as Record<string, unknown> | undefined)?.description);
    const errors = [
      ...(parsed.success ? [] : [{ field: 'description', message: parsed.error.issues[0].message }]),
      ...(req.file ? [] : [{ field: 'file', message: 'is required: send the file as multipart/form-data field "file"' }]),
    ];
    if (errors.length || !parsed.success || !req.file) throw new ValidationFailedError(errors);
    const answer: EvidenceAttachedAnswer = await this.commands.execute(
      new AttachEvidenceCommand(kind, recordId, { content: req.file.buffer, fileName: uploadedName(req.file.originalname), description: parsed.data }, meta),
    );
    res.status(answer.created ? 201 : 200);
    res.setHeader('Location', answer.file.href);
    return answer;
  }

  /** The record's files with its version: RecordHeadersInterceptor leaves answers with `items` alone (lists), so this one sets its ETag. */
  private async list(kind: EvidenceRecordKind, recordId: string, actor: AuthenticatedActor, res: Response) {
    return withETag(res, await this.queries.execute(new ListEvidenceQuery(kind, recordId, actor)));
  }

  private async download(kind: EvidenceRecordKind, recordId: string, file: string, actor: AuthenticatedActor, res: Response) {
    const found: EvidenceDownload = await this.queries.execute(new GetEvidenceFileQuery(kind, recordId, file, actor));
    res.setHeader('Content-Type', found.contentType);
    res.setHeader('Content-Length', String(found.content.length));
    res.setHeader('Content-Disposition', contentDisposition(found.fileName));
    // The type is the one the content was checked to be: browsers must not guess another.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(found.content);
  }

  private remove(kind: EvidenceRecordKind, recordId: string, file: string, meta: CommandMeta) {
    return this.commands.execute(new RemoveEvidenceCommand(kind, recordId, file, meta));
  }
}
