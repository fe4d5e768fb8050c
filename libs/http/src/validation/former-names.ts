/**
 * Former (or likely wrong) names of query parameters, and the one name each concept has now on
 * every list (issue 10: one filter name per concept). ZodQuery answers one of them with
 * "is not allowed; use <name>" on every route whose query knows <name>; elsewhere it is an
 * unknown parameter like any other.
 */
export const FORMER_QUERY_NAMES: Readonly<Record<string, string>> = {
  enterprise: 'creditCode',
  employer: 'creditCode',
  employerCreditCode: 'creditCode',
  risk: 'grade',
  informant: 'informantId',
  mediator: 'mediatorId',
  assignedTo: 'mediatorId',
  asOf: 'to',
};

/** The former names that apply to a query whose parameters are `known`. */
export function formerNamesFor(known: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(FORMER_QUERY_NAMES).filter(([former, now]) => known.has(now) && !known.has(former)));
}
