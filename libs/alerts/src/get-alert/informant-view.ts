import type { AlertGrade } from '@lc/reference-data';
import type { Alert, AlertLocation, AlertStatus, Enterprise } from '../alert/alert.decider';

/**
 * An alert as its informant sees it: what they reported and where it stands, not the desk's
 * workings (who picked it up, notes, escalations, the case it became).
 */
export interface InformantAlertView {
  id: string;
  status: AlertStatus;
  grade: AlertGrade | null;
  enterprise: Enterprise;
  subDistrict: string;
  signals: string[];
  workersAffected: number;
  description: string;
  observedAt: string;
  location: AlertLocation | null;
  submittedAt: string;
  acknowledgedAt: string | null;
  verifiedAt: string | null;
  dismissedAt: string | null;
  dismissalReason: string | null;
  convertedAt: string | null;
  version: number;
}

export function informantAlertView(alert: Alert, version: number): InformantAlertView {
  return {
    id: alert.alertId,
    status: alert.status,
    grade: alert.grade,
    enterprise: alert.enterprise,
    subDistrict: alert.subDistrict,
    signals: alert.signals,
    workersAffected: alert.workersAffected,
    description: alert.description,
    observedAt: alert.observedAt,
    location: alert.location,
    submittedAt: alert.submittedAt,
    acknowledgedAt: alert.acknowledgedAt,
    verifiedAt: alert.verifiedAt,
    dismissedAt: alert.dismissedAt,
    dismissalReason: alert.dismissalReason,
    convertedAt: alert.convertedAt,
    version,
  };
}
