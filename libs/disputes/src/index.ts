export * from './dispute-case/dispute-case.decider';
export * from './dispute-case/case-number';
export * from './complaint/complaint.decider';
