import { z } from 'zod';
import { accountRef } from '@lc/access';

/**
 * POST /api/v1/disputes/{id}/assignments. Supervisors (and admins) give the case to a mediator
 * of their scope, or move it to another; a mediator takes an unassigned case of their
 * sub-district for themselves (`me` or their own id).
 */
export const assignMediatorSchema = z.strictObject({
  mediatorId: accountRef('must be the id (uuid) of a mediator account, or me'),
});

export type AssignMediatorRequest = z.output<typeof assignMediatorSchema>;
