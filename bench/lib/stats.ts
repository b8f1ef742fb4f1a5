/**
 * Metric records shared by every benchmark: summary statistics over repeated samples, the goal each is judged
 * against, a printed table and the JSON a benchmark hands to bench/run.mjs.
 */
import { writeFileSync } from 'node:fs';

export type GoalOp = '<=' | '>=';

/** A goal from the issues (6, 18); `null` when the issue asks only to report the figure. */
export interface Goal {
  op: GoalOp;
  value: number;
}

export interface Metric {
  name: string;
  unit: string;
  median: number;
  p95: number;
  min: number;
  max: number;
  /** How many samples the statistics are over. */
  runs: number;
  goal: Goal | null;
  /** The statistic the goal judges: the median unless `goalOn` says otherwise (for a ratio metric, in `unit`). */
  value: number;
  /** What the goal is on: the median (default), another statistic (`p99`, `last`) or `ratio` (lib/ratio.ts). */
  goalOn?: 'median' | 'p99' | 'last' | 'ratio';
  /** Goal met; null without a goal. */
  met: boolean | null;
  /** Ratio metrics (lib/ratio.ts): the in-run baseline's median in `unit`, its name and statistics. */
  baseline?: number;
  baselineName?: string;
  baselineStats?: { median: number; p95: number; min: number; max: number; runs: number };
  /** Ratio metrics: value ÷ baseline, which `goal` judges. */
  ratio?: number;
  /** Ratio metrics: an optional second goal on the value itself, in `unit`. */
  absoluteGoal?: Goal;
  /** What one sample is, what dominates the cost, anything a reader needs to interpret the figure. */
  note?: string;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1
    ? (sorted[(n - 1) / 2] as number)
    : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
}

export function quantile(samples: readonly number[], p: number): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    p,
  );
}

export function metric(
  name: string,
  unit: string,
  samples: readonly number[],
  goal: Goal | null,
  note?: string,
): Metric {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = median(sorted);
  return {
    name,
    unit,
    median: mid,
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    runs: sorted.length,
    goal,
    value: mid,
    met: goal === null || Number.isNaN(mid) ? null : goal.op === '<=' ? mid <= goal.value : mid >= goal.value,
    ...(note === undefined ? {} : { note }),
  };
}

/** A metric judged on another statistic than the median (e.g. register latency p99). */
export function judgedOn(m: Metric, value: number, goal: Goal, on: 'p99' | 'last'): Metric {
  return { ...m, goal, value, goalOn: on, met: goal.op === '<=' ? value <= goal.value : value >= goal.value };
}

export const atMost = (value: number): Goal => ({ op: '<=', value });
export const atLeast = (value: number): Goal => ({ op: '>=', value });

function fmt(value: number): string {
  if (Number.isNaN(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(abs >= 1 ? 2 : 3);
}

function goalText(m: Metric): string {
  if (!m.goal) return 'report';
  const op = (g: Goal): string => (g.op === '<=' ? '≤' : '≥');
  if (m.goalOn === 'ratio') {
    const absolute = m.absoluteGoal ? ` & ${op(m.absoluteGoal)} ${fmt(m.absoluteGoal.value)}` : '';
    return `${op(m.goal)} ${fmt(m.goal.value)}×${absolute}`;
  }
  const on = m.goalOn && m.goalOn !== 'median' ? ` (${m.goalOn})` : '';
  return `${op(m.goal)} ${fmt(m.goal.value)}${on}`;
}

export function formatTable(metrics: readonly Metric[]): string {
  const header = ['metric', 'unit', 'median', 'p95', 'min', 'max', 'runs', 'baseline', 'ratio', 'goal', 'met'];
  const rows = metrics.map((m) => [
    m.name,
    m.unit,
    fmt(m.median),
    fmt(m.p95),
    fmt(m.min),
    fmt(m.max),
    String(m.runs),
    m.baseline === undefined ? '' : fmt(m.baseline),
    m.ratio === undefined ? '' : `${fmt(m.ratio)}×`,
    goalText(m),
    m.met === null ? '–' : m.met ? 'met' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface BenchArgs {
  quick: boolean;
  /** Where bench/run.mjs wants the metrics as JSON. */
  out: string | null;
  /** The built dist/ to measure (run.mjs passes a snapshot so a concurrent rebuild cannot interfere). */
  dist: string | null;
}

export function parseArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const valueOf = (flag: string): string | null => {
    const i = argv.indexOf(flag);
    return i >= 0 && i + 1 < argv.length ? (argv[i + 1] as string) : null;
  };
  return { quick: argv.includes('--quick'), out: valueOf('--out'), dist: valueOf('--dist') };
}

/** Runs one benchmark file: prints its table and notes, and writes the JSON run.mjs reads. */
export async function runBenchmark(title: string, body: (args: BenchArgs) => Promise<Metric[]>): Promise<void> {
  const args = parseArgs();
  const started = Date.now();
  try {
    const metrics = await body(args);
    console.log(`\n# ${title} (${((Date.now() - started) / 1000).toFixed(1)} s${args.quick ? ', --quick' : ''})\n`);
    console.log(formatTable(metrics));
    for (const m of metrics) {
      if (m.baselineName) console.log(`  · ${m.name}: baseline = ${m.baselineName}`);
      if (m.note) console.log(`  · ${m.name}: ${m.note}`);
    }
    if (args.out) writeFileSync(args.out, JSON.stringify(metrics, null, 2));
    process.exit(0);
  } catch (error) {
    console.error(`${title} failed:`, error);
    process.exit(1);
  }
}
