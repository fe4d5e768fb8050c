import { AuthenticatedActor } from '@lc/access';
import { UploadedImport } from '../upload';

/** A dry run: every row checked as the API would check it, nothing written. */
export class CheckImportQuery {
  constructor(
    readonly upload: UploadedImport,
    readonly actor: AuthenticatedActor,
  ) {}
}
