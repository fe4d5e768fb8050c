import { complaintsKind } from './complaints.kind';
import { ImportKindName } from './columns';
import { disputesKind } from './disputes.kind';
import { ImportKind } from './kind';
import { mediationsKind } from './mediations.kind';

export const IMPORT_KIND: Readonly<Record<ImportKindName, ImportKind>> = {
  disputes: disputesKind as unknown as ImportKind,
  mediations: mediationsKind as unknown as ImportKind,
  complaints: complaintsKind as unknown as ImportKind,
};
