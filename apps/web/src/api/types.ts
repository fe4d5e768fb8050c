/**
 * Names for the API's requests and answers, taken from schema.d.ts (generated from the API's
 * OpenAPI document, which documents every response): a server change shows here at build time.
 */
import type { paths } from './schema';

/** The JSON body of a route's answer with the given status. */
type Answer<Path extends keyof paths, Method extends keyof paths[Path], Status extends number> = paths[Path][Method] extends {
  responses: { [S in Status]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

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

/** POST /api/v1/alerts (libs/alerts SubmittedAlert). */
export type SubmittedAlert = Answer<'/api/v1/alerts', 'post', 201>;

/** GET /api/v1/informants/me (libs/alerts MyInformantProfile). */
export type MyInformantProfile = Omit<Answer<'/api/v1/informants/me', 'get', 200>, 'subDistrict'> & { subDistrict: SubDistrictCode };

/** One item of GET /api/v1/alerts/mine (libs/alerts InformantAlertView). */
export type InformantAlert = Answer<'/api/v1/alerts/mine', 'get', 200>['items'][number];

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
