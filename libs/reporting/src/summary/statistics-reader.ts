import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadModelFreshness } from '@lc/projections';
import { Period } from '../shared/period';
import { STATISTICS_PROJECTION } from '../statistics/statistics-freshness';
import { buildSummary, CounterTotal, Summary, SummaryExtras } from './summary';

/** A period to report on, under a key of the caller's ('2022-05', 'all'...). */
export interface Bucket {
  key: string;
  period: Period;
}

export interface SummaryOptions {
  /** Only this sub-district's records; null or absent: the whole district. */
  subDistrict?: string | null;
  /** One summary per sub-district (with records) in each bucket, besides the bucket's total. */
  bySubDistrict?: boolean;
}

export interface KeyedSummary {
  key: string;
  /** Set when grouped by sub-district; null for a bucket's total. */
  subDistrict: string | null;
  summary: Summary;
}

const BUCKETS_CTE = `WITH buckets AS (SELECT * FROM unnest($1::text[], $2::date[], $3::date[]) AS b(key, p_from, p_to))`;

function bucketParams(buckets: Bucket[]): [string[], string[], string[]] {
  return [buckets.map((b) => b.key), buckets.map((b) => b.period.from), buckets.map((b) => b.period.to)];
}

/** Summaries kept per process: the dashboards' few periods and scopes, asked again and again. */
const CACHED_SUMMARIES = 256;

/**
 * The statistics read model, read. Every figure is a handful of grouped queries over a range of
 * days: the counters, the facts of acknowledged alerts (for the median) and the informants.
 * Several periods (the months of a year) are answered by the same queries, grouped by bucket.
 *
 * Summaries are kept per process under the statistics projection's checkpoint: the read model
 * changes only in the transactions that move that checkpoint (and a rebuild's reset rewrites its
 * row too), so while the row is as it was, the figures are as they were. An answer is kept under
 * the checkpoint read before its queries: it holds at least what that checkpoint says.
 */
@Injectable()
export class StatisticsReader {
  private readonly kept = new Map<string, { checkpoint: string; summaries: KeyedSummary[] }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpoints: ReadModelFreshness,
  ) {}

  /** The statistics checkpoint as a version stamp; null while nothing is applied (no keeping then). */
  private async checkpoint(): Promise<string | null> {
    // The row the request's freshness was read from, when there is one: a round trip less.
    const [row] = await this.checkpoints.checkpointsOfAnswer([STATISTICS_PROJECTION]);
    return row.position && row.updated_at ? `${row.position}@${row.updated_at.toISOString()}` : null;
  }

  /** Summed counters per bucket (and per sub-district / category when asked). */
  async counters(
    buckets: Bucket[],
    options: { subDistrict?: string | null; groupBy?: Array<'sub_district' | 'category' | 'channel'> } = {},
  ): Promise<Array<CounterTotal & { key: string; subDistrict?: string; category?: string }>> {
    const extra = (options.groupBy ?? []).filter((g) => g !== 'channel'); // channel is always grouped
    const columns = extra.map((g) => `, c.${g}`).join('');
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `${BUCKETS_CTE}
       SELECT b.key, c.metric, c.channel, c.detail${columns}, sum(c.value)::text AS value
         FROM buckets b JOIN reporting_daily_counts c ON c.day BETWEEN b.p_from AND b.p_to
        WHERE ($4::text IS NULL OR c.sub_district = $4)
        GROUP BY b.key, c.metric, c.channel, c.detail${columns}`,
      [...bucketParams(buckets), options.subDistrict ?? null],
    );
    return rows.map((r) => ({
      key: r.key,
      metric: r.metric,
      channel: r.channel,
      detail: r.detail,
      value: Number(r.value),
      ...(r.sub_district !== undefined ? { subDistrict: r.sub_district } : {}),
      ...(r.category !== undefined ? { category: r.category } : {}),
    }));
  }

  /** The median of seconds to first acknowledgement, over alerts first acknowledged in each bucket. */
  async medianAckSeconds(buckets: Bucket[], options: SummaryOptions = {}): Promise<Array<{ key: string; subDistrict?: string; median: number }>> {
    const by = options.bySubDistrict ? ', a.sub_district' : '';
    const rows: Array<{ key: string; sub_district?: string; median: number | string }> = await this.dataSource.query(
      `${BUCKETS_CTE}
       SELECT b.key${by}, percentile_cont(0.5) WITHIN GROUP (ORDER BY a.ack_seconds) AS median
         FROM buckets b JOIN reporting_alert_facts a ON a.acknowledged_on BETWEEN b.p_from AND b.p_to
        WHERE ($4::text IS NULL OR a.sub_district = $4)
        GROUP BY b.key${by}`,
      [...bucketParams(buckets), options.subDistrict ?? null],
    );
    return rows.map((r) => ({ key: r.key, median: Number(r.median), ...(r.sub_district !== undefined ? { subDistrict: r.sub_district } : {}) }));
  }

  /**
   * Informants active in each bucket (registered, or reporting, by its end and not deactivated
   * before it began), and those of them who submitted at least one alert in it.
   */
  async informants(
    buckets: Bucket[],
    options: SummaryOptions = {},
  ): Promise<Array<{ key: string; subDistrict?: string; active: number; reported: number }>> {
    const by = options.bySubDistrict ? ', i.sub_district' : '';
    const rows: Array<{ key: string; sub_district?: string; active: number; reported: number }> = await this.dataSource.query(
      `${BUCKETS_CTE}
       SELECT b.key${by}, count(*)::int AS active,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM reporting_alert_facts a
                 WHERE a.informant_id = i.informant_id AND a.submitted_on BETWEEN b.p_from AND b.p_to))::int AS reported
         FROM buckets b JOIN reporting_informant_facts i
           ON i.registered
          AND LEAST(i.registered_on, i.first_alert_on) <= b.p_to
          AND (i.deactivated_on IS NULL OR i.deactivated_on >= b.p_from)
        WHERE ($4::text IS NULL OR i.sub_district = $4)
        GROUP BY b.key${by}`,
      [...bucketParams(buckets), options.subDistrict ?? null],
    );
    return rows.map((r) => ({ key: r.key, active: r.active, reported: r.reported, ...(r.sub_district !== undefined ? { subDistrict: r.sub_district } : {}) }));
  }

  /** A summary per bucket (and per sub-district in it, when asked). */
  async summaries(buckets: Bucket[], options: SummaryOptions = {}): Promise<KeyedSummary[]> {
    if (buckets.length === 0) return [];
    const key = JSON.stringify([buckets, options.subDistrict ?? null, !!options.bySubDistrict]);
    const checkpoint = await this.checkpoint();
    const kept = this.kept.get(key);
    if (checkpoint !== null && kept?.checkpoint === checkpoint) return structuredClone(kept.summaries);
    const summaries = await this.computeSummaries(buckets, options);
    if (checkpoint !== null) {
      this.kept.delete(key);
      this.kept.set(key, { checkpoint, summaries: structuredClone(summaries) });
      // Oldest first out (a Map keeps insertion order).
      if (this.kept.size > CACHED_SUMMARIES) this.kept.delete(this.kept.keys().next().value as string);
    }
    return summaries;
  }

  private async computeSummaries(buckets: Bucket[], options: SummaryOptions): Promise<KeyedSummary[]> {
    const scope = options.subDistrict ?? null;
    const [counters, medians, informants] = await Promise.all([
      this.counters(buckets, { subDistrict: scope, groupBy: options.bySubDistrict ? ['sub_district'] : [] }),
      this.medianAckSeconds(buckets, options),
      this.informants(buckets, options),
    ]);
    // Totals per bucket need their own median and informant counts: a median does not add up.
    const [totalMedians, totalInformants] = options.bySubDistrict
      ? await Promise.all([this.medianAckSeconds(buckets, { subDistrict: scope }), this.informants(buckets, { subDistrict: scope })])
      : [medians, informants];

    const extras = (key: string, sub: string | null, m: typeof medians, inf: typeof informants): SummaryExtras => {
      const match = (r: { key: string; subDistrict?: string }) => r.key === key && (sub === null || r.subDistrict === sub);
      const i = inf.find(match);
      return { medianAckSeconds: m.find(match)?.median ?? null, informantsActive: i?.active ?? 0, informantsReportedOnline: i?.reported ?? 0 };
    };

    const out: KeyedSummary[] = [];
    for (const bucket of buckets) {
      const mine = counters.filter((c) => c.key === bucket.key);
      out.push({ key: bucket.key, subDistrict: null, summary: buildSummary(bucket.period, scope, mine, extras(bucket.key, null, totalMedians, totalInformants)) });
      if (!options.bySubDistrict) continue;
      const subs = new Set<string>([
        ...mine.map((c) => c.subDistrict as string),
        ...medians.filter((m) => m.key === bucket.key).map((m) => m.subDistrict as string),
        ...informants.filter((i) => i.key === bucket.key).map((i) => i.subDistrict as string),
      ]);
      for (const sub of [...subs].filter((s) => s !== null && s !== undefined).sort()) {
        out.push({
          key: bucket.key,
          subDistrict: sub,
          summary: buildSummary(bucket.period, sub, mine.filter((c) => c.subDistrict === sub), extras(bucket.key, sub, medians, informants)),
        });
      }
    }
    return out;
  }

  async summary(period: Period, subDistrict: string | null): Promise<Summary> {
    const [only] = await this.summaries([{ key: 'period', period }], { subDistrict });
    return only.summary;
  }
}
