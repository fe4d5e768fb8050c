export * from './chinese-amount';
export * from './documents.module';
export * from './document-values';
export * from './letters/letter.decider';
export * from './issue-letter/issue-letter.schema';
export { docxText } from './docx';
export { DOCX_TYPE } from './render';
