import { district } from '@lc/reference-data';
import data from '../data/zh.json';
import { Employer, employers as makeEmployers, personName } from '../people';
import { Random } from '../random';
import { DemoTargets, MEDIATION_EXTRA_FEN } from '../targets';
import { Calendar, Timeline } from './calendar';
import { ComplaintPlan, PlanOptions, StaffPlan, TimedAction } from './types';
import { SUB_DISTRICT_WEIGHTS } from './weights';

type SubDistrict = ReturnType<typeof district>['subDistricts'][number];

/**
 * What every part of the year's plan shares: the calendar, the targets, the staff and employers
 * of each sub-district, one generator per kind of record, and the actions planned so far with
 * their order of planning. The generators are forked here, in one order, so that the same seed
 * gives the same year however the parts below are arranged.
 */
export class PlanningYear {
  readonly calendar: Calendar;
  readonly subDistricts: readonly SubDistrict[];
  readonly targets: DemoTargets;
  readonly random: Record<'staff' | 'employers' | 'disputes' | 'alertCases' | 'complaints' | 'amounts' | 'alerts' | 'mediations', Random>;
  readonly staff: StaffPlan[] = [];
  /** Actions planned outside a record's timeline (alerts, informants), in planning order. */
  readonly actions: TimedAction[] = [];
  private readonly mediators = new Map<string, string[]>();
  private readonly employerPool: Employer[];
  private byCreditCode?: Map<string, Employer>;
  private readonly subWeights: Array<[string, number]>;
  private sequence = 0;

  constructor(readonly options: PlanOptions) {
    const root = new Random(options.seed);
    this.calendar = new Calendar(options.year);
    this.subDistricts = district().subDistricts;
    this.subWeights = this.subDistricts.map((s) => [s.code, SUB_DISTRICT_WEIGHTS[s.code] ?? 6]);
    const base = options.targets;
    this.targets = {
      ...base,
      // "1088万多元": a little over the round figure, the seed's own.
      mediationAgreedFen: base.mediationAgreedFen + root.fork('extra').int(MEDIATION_EXTRA_FEN.min / 100, MEDIATION_EXTRA_FEN.max / 100) * 100,
    };
    if (this.targets.groupDisputesResolved > this.targets.disputesResolved) throw new RangeError('more group disputes than disputes');
    const staff = root.fork('staff');
    const employers = root.fork('employers');
    const disputes = root.fork('disputes');
    const alertCases = root.fork('alert-cases');
    const complaints = root.fork('complaints');
    const amounts = root.fork('amounts');
    const alerts = root.fork('alerts');
    const mediations = root.fork('mediations');
    this.random = { staff, employers, disputes, alertCases, complaints, amounts, alerts, mediations };
    this.hireStaff();
    const t = this.targets;
    this.employerPool = makeEmployers(employers, Math.max(22, Math.round((t.disputesResolved + t.mediationsConcluded) * 0.3)));
  }

  get year(): number {
    return this.options.year;
  }

  /** The order in which actions were planned: ties of an instant keep it. */
  seq(): number {
    return this.sequence++;
  }

  mediatorsOf(subDistrict: string): string[] {
    return this.mediators.get(subDistrict)!;
  }

  supervisorOf(subDistrict: string): string {
    return `${this.abbrev(subDistrict)}-supervisor`;
  }

  abbrev(subDistrict: string): string {
    return this.subDistricts.find((s) => s.code === subDistrict)!.caseNoAbbrev.toLowerCase();
  }

  employersIn(subDistrict: string): Employer[] {
    return this.employerPool.filter((e) => e.subDistrict === subDistrict);
  }

  employer(creditCode: string): Employer {
    this.byCreditCode ??= new Map(this.employerPool.map((e) => [e.creditCode, e]));
    return this.byCreditCode.get(creditCode)!;
  }

  /** Some employers come back again and again (the watch-list); most appear once or twice. */
  pickEmployer(random: Random, subDistrict: string): Employer {
    const local = this.employersIn(subDistrict);
    return random.chance(0.25) ? local[random.int(0, Math.min(2, local.length - 1))] : random.pick(local);
  }

  /** The first record of each kind in each sub-district, then by weight: all 11 always appear. */
  subDistrictFor(random: Random, n: number): string {
    return n < this.subDistricts.length ? this.subDistricts[n].code : random.weighted(this.subWeights);
  }

  /** Two or three mediators and a supervisor per sub-district, and the district's supervisor. */
  private hireStaff(): void {
    const random = this.random.staff;
    for (const s of this.subDistricts) {
      const abbrev = s.caseNoAbbrev.toLowerCase();
      const count = (SUB_DISTRICT_WEIGHTS[s.code] ?? 6) >= 10 ? 3 : 2;
      const keys: string[] = [];
      for (let i = 1; i <= count; i++) {
        const key = `${abbrev}-mediator-${i}`;
        this.staff.push({ key, username: key, displayName: personName(random), role: 'mediator', subDistrict: s.code });
        keys.push(key);
      }
      this.mediators.set(s.code, keys);
      this.staff.push({ key: `${abbrev}-supervisor`, username: `${abbrev}-supervisor`, displayName: personName(random), role: 'supervisor', subDistrict: s.code });
    }
    this.staff.push({ key: 'district-supervisor', username: 'district-supervisor', displayName: personName(random), role: 'supervisor', subDistrict: null });
  }
}

/**
 * The complaints (诉求) of the year with their timelines: those converted into cases are planned
 * with their case, the others apart; work-order numbers follow the order of planning.
 */
export class ComplaintBook {
  readonly complaints: ComplaintPlan[] = [];
  readonly timelines = new Map<ComplaintPlan, Timeline>();
  private workOrders = 0;

  constructor(private readonly calendar: Calendar) {}

  workOrderNo(day: number): string {
    return `${data.workOrderPrefix}${this.calendar.date(day).replace(/-/g, '')}-${String(++this.workOrders).padStart(4, '0')}`;
  }

  add(complaint: ComplaintPlan, timeline: Timeline): void {
    this.complaints.push(complaint);
    this.timelines.set(complaint, timeline);
  }
}
