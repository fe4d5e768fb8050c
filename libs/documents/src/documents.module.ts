import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetDocumentHandler } from './get-document/get-document.handler';
import { DisputeDocumentsController, MediationDocumentsController } from './http/documents.controllers';
import { IssueLetterHandler } from './issue-letter/issue-letter.handler';
import { LetterNumberAllocator } from './letters/letter-number-allocator';
import { RecordStreams } from './shared/record-streams';

/** DOCX documents of dispute cases and mediations, and the union's letters to employers (ADR 0013). */
@Module({
  imports: [CqrsModule],
  controllers: [DisputeDocumentsController, MediationDocumentsController],
  providers: [RecordStreams, LetterNumberAllocator, GetDocumentHandler, IssueLetterHandler],
})
export class DocumentsModule {}
