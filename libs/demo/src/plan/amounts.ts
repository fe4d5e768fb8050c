import { DisputeCategory } from '@lc/reference-data';
import { Random } from '../random';

/** An unscaled amount in yuan for a case of this category and size; only proportions matter. */
export function rawAmount(random: Random, category: DisputeCategory, workers: number): number {
  const wage = random.int(4200, 9500);
  switch (category) {
    case 'wage_arrears':
      return workers * wage * (0.5 + random.next() * 2.5);
    case 'termination_compensation':
      return workers * wage * random.int(1, 8);
    case 'labour_contract':
      return workers * wage * random.int(1, 11) * 0.6;
    case 'work_injury':
      return workers * random.logNormal(60_000, 0.7);
    case 'social_insurance':
      return workers * random.int(5_000, 30_000);
    case 'working_hours':
      return workers * random.int(2_000, 12_000);
    case 'other':
      return workers * random.int(1_000, 8_000);
  }
}

/**
 * Amounts in whole yuan (fen multiples of 100) proportional to the raw ones, summing exactly to
 * the target: each is rounded, and what rounding lost or gained goes to the largest.
 */
export function scaleToTotal(raw: number[], totalFen: number): number[] {
  if (raw.length === 0) {
    if (totalFen !== 0) throw new Error(`nothing to carry ${totalFen} fen`);
    return [];
  }
  if (totalFen % 100 !== 0) throw new Error(`the total must be whole yuan: ${totalFen}`);
  if (totalFen < raw.length * 100) throw new Error(`${totalFen} fen cannot be split into ${raw.length} amounts of at least 1 yuan`);
  const sum = raw.reduce((a, b) => a + b, 0);
  const scaled = raw.map((r) => Math.max(100, Math.round((r / sum) * (totalFen / 100)) * 100));
  let diff = totalFen - scaled.reduce((a, b) => a + b, 0);
  const byLargest = scaled.map((_, i) => i).sort((a, b) => scaled[b] - scaled[a]);
  for (let k = 0; diff !== 0; k = (k + 1) % byLargest.length) {
    const i = byLargest[k];
    // Large amounts take the whole correction; a negative one never takes an amount below 1 yuan.
    const step = diff > 0 ? diff : -Math.min(-diff, scaled[i] - 100);
    scaled[i] += step;
    diff -= step;
  }
  return scaled;
}

/** Whole-yuan installments of an amount: most paid at once, some in two or three parts. */
export function installments(random: Random, amountFen: number): number[] {
  const parts = amountFen < 200_000 ? 1 : random.weighted([[1, 65], [2, 25], [3, 10]] as Array<[number, number]>);
  if (parts === 1) return [amountFen];
  const yuan = amountFen / 100;
  const result: number[] = [];
  let left = yuan;
  for (let i = 0; i < parts - 1; i++) {
    const share = Math.max(1, Math.floor(left * (0.3 + random.next() * 0.4)));
    result.push(share * 100);
    left -= share;
  }
  result.push(left * 100);
  return result.filter((f) => f > 0);
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** 36,000 (yuan), as summaries quote sums. */
export const yuanText = (fen: number) => Math.round(fen / 100).toLocaleString('en-US');
