import { z } from 'zod';
import { accountRef } from '@lc/access';

/**
 * POST /api/v1/mediations/{id}/assignments. Supervisors (and admins) give the mediation to a
 * mediator of their scope, or move it to another; a mediator takes an unassigned mediation of
 * their sub-district for themselves (`me` or their own id).
 */
export const assignMediationMediatorSchema = z.strictObject({
  mediatorId: accountRef('must be the id (uuid) of a mediator account, or me'),
});

export type AssignMediationMediatorRequest = z.output<typeof assignMediationMediatorSchema>;
