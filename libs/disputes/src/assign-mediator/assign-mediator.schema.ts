import { z } from 'zod';

/** POST /api/v1/disputes/{id}/assignments. Mediators are accounts, whose ids are uuids. */
export const assignMediatorSchema = z.strictObject({
  mediatorId: z.uuid('must be the id (uuid) of a mediator account'),
});

export type AssignMediatorRequest = z.output<typeof assignMediatorSchema>;
