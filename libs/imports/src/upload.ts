import { ImportKindName } from './kinds/columns';

/** A spreadsheet as it was uploaded: its bytes and the name the browser gave it. */
export interface UploadedImport {
  kind: ImportKindName;
  content: Buffer;
  fileName: string | null;
}
