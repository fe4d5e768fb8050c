import { Controller, Get, Headers, Post, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Allow, CreatedAt, CurrentActor, Describe, ProblemResponses, RequestMeta, ZodBody, ZodParam, ZodQuery } from '@lc/http';
import { AuthenticatedActor, CommandMeta } from '@lc/access';
import { prefersEnglish } from '@lc/personal-data';
import { FROM_EVENT_STREAM, ReadsModels } from '@lc/projections';
import { Locale } from '@lc/reference-data';
import { DocumentKind, RECORD_DOCUMENT_KINDS } from '../document-values';
import { GetDocumentQuery } from '../get-document/get-document.query';
import { RenderedDocument } from '../get-document/get-document.handler';
import { IssueLetterCommand } from '../issue-letter/issue-letter.command';
import { IssuedLetter } from '../issue-letter/issue-letter.handler';
import { IssueLetterRequest, issueLetterSchema } from '../issue-letter/issue-letter.schema';
import { LETTER_KINDS } from '../letters/letter.decider';
import { DOCX_TYPE } from '../render';

const DOCUMENT_KINDS = [...RECORD_DOCUMENT_KINDS, ...LETTER_KINDS] as const;
const documentKind = z.enum(DOCUMENT_KINDS, { error: `must be one of ${DOCUMENT_KINDS.join(', ')}` });
const documentQuery = z.strictObject({
  /** For a letter: which one (the letterId its issue answered); default: the latest of the kind. */
  letterId: z.uuid('must be the id (uuid) of a letter').optional(),
});
type DocumentQuery = z.output<typeof documentQuery>;

/** Chinese unless the client prefers English (Accept-Language), as erased text and reports decide it. */
function documentLanguage(header: string | undefined): Locale {
  return prefersEnglish(header) ? 'en' : 'zh';
}

function download(res: Response, document: RenderedDocument): StreamableFile {
  res.setHeader('Vary', 'Accept-Language');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(document.content, {
    type: DOCX_TYPE,
    // An ASCII name for old clients and the Chinese one (RFC 6266 / 5987) for the rest.
    disposition: `attachment; filename="${document.asciiName}"; filename*=UTF-8''${encodeURIComponent(document.localName)}`,
  });
}

const DOCX_RESPONSE = ApiResponse({
  status: 200,
  description: 'The document as DOCX (Chinese; English with Accept-Language: en)',
  content: { [DOCX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
});
const LETTER_RESPONSE = ApiResponse({
  status: 201,
  description: 'The letter issued: its id and number',
  headers: { Location: { description: 'where the letter is read: the record’s document of its kind, `?letterId=` this one', schema: { type: 'string' } } },
  schema: {
    type: 'object',
    required: ['letterId', 'kind', 'letterNo', 'issuedOn'],
    properties: {
      letterId: { type: 'string', format: 'uuid' },
      kind: { type: 'string', enum: [...LETTER_KINDS] },
      letterNo: { type: 'string', example: '龙岗工提〔2026〕3号' },
      issuedOn: { type: 'string', format: 'date' },
    },
  },
});

/** What differs between the two records' routes: the path, the record, and the words. */
interface RecordDocuments {
  /** The class's name: OpenAPI's operation ids are made from it. */
  name: string;
  path: 'disputes' | 'mediations';
  record: 'dispute' | 'mediation';
  idMessage: string;
  documentSummary: string;
  documentDescription: string;
  letterSummary: string;
}

/*
 * Documents of a dispute case or a mediation, and the letters to its employer. Same access as the
 * record's detail: admins, supervisors and mediators, each within their scope (404 outside it);
 * ID numbers in full only for those who see them on the detail. Letters are issued by the same
 * roles: labour-law supervision is the union's, whoever of it handles the record. One class made
 * per record, so that the two cannot drift apart.
 */
function recordDocumentsController(words: RecordDocuments) {
  const recordId = z.uuid(words.idMessage);

  @ApiTags('documents')
  @ApiBearerAuth()
  @Controller(words.path)
  class RecordDocumentsController {
    constructor(
      readonly commands: CommandBus,
      readonly queries: QueryBus,
    ) {}

    @Get(':id/documents/:kind')
    // Filled from the record's stream; the mediator's name comes from the accounts read model, which may lag.
    @ReadsModels(FROM_EVENT_STREAM, 'accounts')
    @Allow('admin', 'supervisor', 'mediator')
    @ApiProduces(DOCX_TYPE)
    @Describe(words.documentSummary, words.documentDescription)
    @DOCX_RESPONSE
    @ProblemResponses(400, 401, 403, 404, 409)
    async document(
      @ZodParam('id', recordId) id: string,
      @ZodParam('kind', documentKind) kind: DocumentKind,
      @ZodQuery(documentQuery) query: DocumentQuery,
      @CurrentActor() actor: AuthenticatedActor,
      @Res({ passthrough: true }) res: Response,
      @Headers('accept-language') acceptLanguage?: string,
    ) {
      const document: RenderedDocument = await this.queries.execute(
        new GetDocumentQuery(words.record, id, kind, actor, documentLanguage(acceptLanguage), query.letterId),
      );
      return download(res, document);
    }

    /** Issues a 提示函, 意见书 or 建议书 to the record's employer: numbered, and on the enterprise's page. */
    @Post(':id/letters')
    // The letter is read as the record's document of its kind, this one by its id.
    @CreatedAt(`${words.path}/:id/documents/:kind?letterId=:letterId`)
    @Allow('admin', 'supervisor', 'mediator')
    @Describe(words.letterSummary, 'A 提示函, 意见书 or 建议书: numbered, and shown on the enterprise’s page.', { command: 'create' })
    @LETTER_RESPONSE
    @ProblemResponses(400, 401, 403, 404, 409, 415, 422)
    issueLetter(
      @ZodParam('id', recordId) id: string,
      @ZodBody(issueLetterSchema) body: IssueLetterRequest,
      @RequestMeta('create') meta: CommandMeta,
    ): Promise<IssuedLetter> {
      return this.commands.execute(new IssueLetterCommand(words.record, id, body, meta));
    }
  }
  Object.defineProperty(RecordDocumentsController, 'name', { value: words.name });
  return RecordDocumentsController;
}

/** mediation-agreement once resolved by an agreement (409 before); a letter kind once one was issued. */
export const DisputeDocumentsController = recordDocumentsController({
  name: 'DisputeDocumentsController',
  path: 'disputes',
  record: 'dispute',
  idMessage: 'must be the id (uuid) of a dispute case',
  documentSummary: 'A document of the dispute case (DOCX)',
  documentDescription:
    'The mediation agreement once resolved by an agreement (409 before); a letter kind once one was issued (`letterId` for an earlier one). Chinese unless Accept-Language prefers English.',
  letterSummary: 'Issues a letter to the case’s employer',
});

/**
 * mediation-agreement and judicial-confirmation-application once agreed; referral-feedback once
 * ended (agreed, failed or withdrawn); 409 before. A letter kind once one was issued.
 */
export const MediationDocumentsController = recordDocumentsController({
  name: 'MediationDocumentsController',
  path: 'mediations',
  record: 'mediation',
  idMessage: 'must be the id (uuid) of a mediation',
  documentSummary: 'A document of the mediation (DOCX)',
  documentDescription:
    'The mediation agreement and the judicial confirmation application once agreed; the referral feedback once ended; 409 before. A letter kind once one was issued (`letterId` for an earlier one).',
  letterSummary: 'Issues a letter to the mediation’s employer',
});
