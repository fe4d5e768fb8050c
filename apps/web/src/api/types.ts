/**
 * Answers of the API, named by hand until the API documents its response schemas in OpenAPI
 * (requests are typed from schema.d.ts). Each mirrors the server type named in its comment.
 */
import type { paths } from './schema';

/** libs/http Page<T>. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** The body of POST /api/v1/alerts, from the generated schema. */
export type SubmitAlertBody = paths['/api/v1/alerts']['post']['requestBody']['content']['application/json'];
export type AlertSignal = SubmitAlertBody['signals'][number];
export type SubDistrictCode = SubmitAlertBody['subDistrict'];

/** libs/alerts SubmittedAlert. */
export interface SubmittedAlert {
  id: string;
  version: number;
  status: string;
  grade: 'red' | 'yellow' | 'green' | null;
  pickupDeadlineAt: string | null;
}

/** libs/alerts MyInformantProfile (GET /api/v1/informants/me). */
export interface MyInformantProfile {
  id: string;
  name: string;
  subDistrict: SubDistrictCode;
  status: 'active' | 'deactivated';
  enterprises: Array<{ creditCode: string; name: string | null }>;
  version: number;
}

/** libs/alerts InformantAlertView (GET /api/v1/alerts/mine). */
export interface InformantAlert {
  id: string;
  status: 'submitted' | 'acknowledged' | 'verified' | 'dismissed' | 'converted';
  grade: 'red' | 'yellow' | 'green' | null;
  enterprise: { name: string; creditCode: string };
  subDistrict: string;
  signals: AlertSignal[];
  workersAffected: number;
  description: string;
  observedAt: string;
  submittedAt: string;
  acknowledgedAt: string | null;
  verifiedAt: string | null;
  dismissedAt: string | null;
  dismissalReason: string | null;
  convertedAt: string | null;
  version: number;
}

export const ALERT_SIGNALS: AlertSignal[] = [
  'wage_delay',
  'social_insurance_unpaid',
  'relocation_planned',
  'shutdown_planned',
  'owner_unreachable',
  'layoffs',
  'collective_action_risk',
  'orders_collapse',
  'other',
];
