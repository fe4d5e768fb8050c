import { z } from 'zod';

/** POST /api/v1/mediations/{id}/assignments. Mediators are accounts, whose ids are uuids. */
export const assignMediationMediatorSchema = z.strictObject({
  mediatorId: z.uuid('must be the id (uuid) of a mediator account'),
});

export type AssignMediationMediatorRequest = z.output<typeof assignMediationMediatorSchema>;
