import { Role } from '@lc/access';

/**
 * Who may call each route, written down once. The role matrix test enumerates the routes the
 * application really registers and fails for any route missing here, so a new route cannot ship
 * without a decision. 'public' routes need no token.
 */
const everyone: Role[] = ['admin', 'supervisor', 'mediator', 'informant'];

export const ROUTE_RULES: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': everyone,

  'POST /api/v1/users': ['admin'],
  'GET /api/v1/users': ['admin'],
  'GET /api/v1/users/:id': ['admin'],
  'PATCH /api/v1/users/:id': ['admin'],
  // Releasing a login lock lets someone try passwords again: administrators only.
  'GET /api/v1/users/:id/login-locks': ['admin'],
  'DELETE /api/v1/users/:id/login-locks': ['admin'],

  // Mediators open and work cases; supervisors read, assign, resolve and reopen; informants nothing.
  'POST /api/v1/disputes': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/disputes': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/disputes/:id': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/disputes/:id/timeline': ['admin', 'supervisor', 'mediator'],
  // Supervisors assign within their scope; a mediator takes unassigned work of their sub-district for themselves.
  'POST /api/v1/disputes/:id/assignments': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/disputes/:id/steps': ['admin', 'mediator'],
  'POST /api/v1/disputes/:id/recoveries': ['admin', 'mediator'],
  'POST /api/v1/disputes/:id/resolution': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/disputes/:id/reopen': ['admin', 'supervisor'],
  'POST /api/v1/disputes/:id/workers-involved': ['admin', 'mediator'],
  // Documents as the detail (same scope); letters to the employer are the union's, whoever of it works the record.
  'GET /api/v1/disputes/:id/documents/:kind': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/disputes/:id/letters': ['admin', 'supervisor', 'mediator'],

  'POST /api/v1/complaints': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/complaints': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/complaints/:id': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/complaints/:id/handling': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/complaints/:id/conversion': ['admin', 'supervisor', 'mediator'],

  // Mediators record referrals and work mediations; supervisors read and assign; informants nothing.
  'POST /api/v1/mediations': ['admin', 'mediator'],
  'GET /api/v1/mediations': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/mediations/:id': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/mediations/:id/timeline': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/mediations/:id/assignments': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/mediations/:id/sessions': ['admin', 'mediator'],
  'POST /api/v1/mediations/:id/extension': ['admin', 'mediator'],
  'POST /api/v1/mediations/:id/agreement': ['admin', 'mediator'],
  'POST /api/v1/mediations/:id/judicial-confirmation': ['admin', 'mediator'],
  'POST /api/v1/mediations/:id/failure': ['admin', 'mediator'],
  'POST /api/v1/mediations/:id/withdrawal': ['admin', 'mediator'],
  'GET /api/v1/mediations/:id/documents/:kind': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/mediations/:id/letters': ['admin', 'supervisor', 'mediator'],

  // Each person's inbox: supervisors' and mediators' (informants get none).
  'GET /api/v1/notifications': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/notifications/unread-count': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/notifications/read-all': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/notifications/:id/read': ['admin', 'supervisor', 'mediator'],

  'GET /api/v1/clocks': ['admin', 'supervisor', 'mediator'],

  // Whom to assign: supervisors (and admins) pick from their scope; mediators see their colleagues.
  'GET /api/v1/mediators': ['admin', 'supervisor', 'mediator'],
  // A mediator's home: their own work in hand.
  'GET /api/v1/me/work': ['mediator'],

  // Informants submit alerts and see their own (others' are 404); the triage desk works those of its scope.
  'POST /api/v1/alerts': ['informant'],
  'GET /api/v1/alerts': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/alerts/mine': ['informant'],
  'GET /api/v1/alerts/:id': everyone,
  'POST /api/v1/alerts/:id/acknowledgement': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/alerts/:id/verification': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/alerts/:id/dismissal': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/alerts/:id/escalation': ['admin', 'supervisor', 'mediator'],
  'POST /api/v1/alerts/:id/conversion': ['admin', 'supervisor', 'mediator'],
  // The informant registry: admins, and supervisors in their scope.
  'POST /api/v1/informants': ['admin', 'supervisor'],
  'GET /api/v1/informants': ['admin', 'supervisor'],
  'GET /api/v1/informants/me': ['informant'],
  'GET /api/v1/informants/:id': ['admin', 'supervisor'],
  'PUT /api/v1/informants/:id/enterprises': ['admin', 'supervisor'],
  'POST /api/v1/informants/:id/deactivation': ['admin', 'supervisor'],
  'GET /api/v1/reference/risk-weights': ['admin', 'supervisor'],
  'PUT /api/v1/reference/risk-weights': ['admin'],
  'GET /api/v1/enterprises/:creditCode': ['admin', 'supervisor', 'mediator'],

  // Imports write history for every sub-district: admins only.
  // Evidence: who sees the record sees its files; those who work it attach and remove them; an
  // informant attaches photos to (and removes their own from) their own alerts.
  'POST /api/v1/disputes/:id/evidence': ['admin', 'mediator'],
  'GET /api/v1/disputes/:id/evidence': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/disputes/:id/evidence/:fileId': ['admin', 'supervisor', 'mediator'],
  'DELETE /api/v1/disputes/:id/evidence/:fileId': ['admin', 'mediator'],
  'POST /api/v1/mediations/:id/evidence': ['admin', 'mediator'],
  'GET /api/v1/mediations/:id/evidence': ['admin', 'supervisor', 'mediator'],
  'GET /api/v1/mediations/:id/evidence/:fileId': ['admin', 'supervisor', 'mediator'],
  'DELETE /api/v1/mediations/:id/evidence/:fileId': ['admin', 'mediator'],
  'POST /api/v1/alerts/:id/evidence': everyone,
  'GET /api/v1/alerts/:id/evidence': everyone,
  'GET /api/v1/alerts/:id/evidence/:fileId': everyone,
  'DELETE /api/v1/alerts/:id/evidence/:fileId': everyone,

  'POST /api/v1/imports': ['admin'],
  'GET /api/v1/imports/template': ['admin'],
  'GET /api/v1/imports/:id': ['admin'],

  // Figures and reports are for supervisors (scoped to their sub-district) and admins.
  'GET /api/v1/stats/summary': ['admin', 'supervisor'],
  'GET /api/v1/stats/by-month': ['admin', 'supervisor'],
  'GET /api/v1/stats/by-sub-district': ['admin', 'supervisor'],
  'GET /api/v1/stats/by-category': ['admin', 'supervisor'],
  'GET /api/v1/stats/watch-list': ['admin', 'supervisor'],
  'GET /api/v1/reports/annual': ['admin', 'supervisor'],
  'POST /api/v1/reports/monthly': ['admin', 'supervisor'],
  'GET /api/v1/reports/monthly': ['admin', 'supervisor'],
  'POST /api/v1/reports/monthly/revisions': ['admin', 'supervisor'],

  // Data subjects' rights (PIPL): finding a person's records and erasing their personal data, admins only.
  'GET /api/v1/persons': ['admin'],
  'GET /api/v1/persons/:id': ['admin'],
  'POST /api/v1/persons/:id/erasure': ['admin'],
};
