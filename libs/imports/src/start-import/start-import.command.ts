import { AuthenticatedActor } from '@lc/access';
import { UploadedImport } from '../upload';

/** A real run: the file checked, then queued for the worker to write (or refused whole). */
export class StartImportCommand {
  constructor(
    readonly upload: UploadedImport,
    readonly actor: AuthenticatedActor,
  ) {}
}
