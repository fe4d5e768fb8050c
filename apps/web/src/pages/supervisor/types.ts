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
