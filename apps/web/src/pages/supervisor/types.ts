/** Answers of the statistics routes (libs/reporting), as the dashboard reads them. */
export interface Summary {
  period: { from: string; to: string };
  subDistrict: string | null;
  disputes: { opened: number; resolved: number; amountRecoveredFen: number; groupDisputes: number; avgDaysToResolve: number };
  complaints: { received: number; handled: number; converted: number };
  mediations: { referred: number; concluded: number; succeeded: number; successRate: number; amountRecoveredFen: number };
  alerts: { submitted: number; red: number; yellow: number; green: number; escalated: number; medianMinutesToAcknowledge: number; acknowledged: number };
  informants: { active: number; reportedOnline: number };
}
export interface ByMonth {
  months: Array<Summary & { month: string }>;
}
export interface BySubDistrict {
  items: Summary[];
}
export interface ByCategory {
  items: Array<{ category: string; disputes: Summary['disputes']; mediations: Summary['mediations'] }>;
}
export interface AnnualReport {
  year: number;
  text: string;
}
export interface WatchList {
  total: number;
  items: Array<{ creditCode: string; name: string | null; score: number; reasons: string[]; disputes: number; groupDisputes: number; alerts: number; redAlerts: number; subDistricts: string[] }>;
}

/** Every read answer's `freshness` (libs/projections): how far the read models it came from have got. */
export interface Freshness {
  /** When the last event the read models counted was recorded; null before any. */
  asOf: string | null;
  upToDate: boolean;
  behindEvents: number;
}
export interface Fresh {
  freshness?: Freshness;
}

/** libs/clocks ListClocksHandler's items (GET /api/v1/clocks). */
export interface ClockItem {
  clockId: string;
  kind: string;
  subject: { kind: string; stream: string; id: string };
  reference: string | null;
  employerName: string | null;
  subDistrict: string;
  assignedTo: string | null;
  startedOn: string;
  lastDay: string;
  deadlineAt: string;
  overdue: boolean;
  daysLeft: number;
}

/** libs/reporting MonthlyReportView (GET /api/v1/reports/monthly?format=json), the parts the dashboard shows. */
export interface MonthlyReportView {
  subDistrict: string | null;
  revision: number;
  currentRevision: number;
  outOfDate: boolean;
  versions: Array<{ revision: number; generatedAt: string; generatedBy: string | null; current: boolean }>;
}

/** libs/alerts EnterpriseView (GET /api/v1/enterprises/{creditCode}). */
export interface EnterpriseView {
  creditCode: string;
  name: string | null;
  names: string[];
  window: { from: string; to: string };
  alerts: Array<{ id: string; status: string; grade: 'red' | 'yellow' | 'green' | null; points: number | null; subDistrict: string; signals: string[]; workersAffected: number; submittedAt: string; escalated: boolean; disputeId: string | null }>;
  disputes: Array<{
    id: string;
    caseNo: string;
    status: string;
    category: string;
    subDistrict: string;
    workersInvolved: number;
    groupDispute: boolean;
    openedOn: string;
    resolvedOn: string | null;
    amountClaimedFen: number;
    amountRecoveredFen: number;
  }>;
  mediations: Array<{ id: string; court: string; courtCaseNo: string; status: string; category: string; subDistrict: string; workersCount: number; referredOn: string; endedOn: string | null; amountWonFen: number | null }>;
  /** The union's letters to the employer in the window (issue 15), newest first. */
  letters?: Array<{
    letterId: string;
    kind: string;
    letterNo: string;
    issuedOn: string;
    issuedBy: { id: string | null; displayName: string | null };
    record: { kind: 'dispute' | 'mediation'; id: string; ref: string };
  }>;
  totals: { alerts: number; disputes: number; groupDisputes: number; mediations: number; amountRecoveredFen: number; amountWonFen: number };
}
