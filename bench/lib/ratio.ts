/**
 * Timing metrics judged against an in-run baseline (issue 18): the machine is shared and its speed swings by 3×
 * between runs, so each timing is measured beside the cheapest way to do the same work in the same process or page,
 * and the goal is on the ratio. A metric reads `{ value, baseline, ratio, goal, met }`: `value` and `baseline` are
 * medians in `unit`, `ratio = value / baseline`, `goal` is on the ratio (`×`), `absoluteGoal` optionally also on the
 * value (e.g. mount ≤ 16 ms), and `met` requires both.
 */
import { metric, type Goal, type Metric } from './stats';

export interface RatioInput {
  name: string;
  unit: string;
  /** Samples of what is measured. */
  samples: readonly number[];
  /** Samples of the baseline, taken in the same process/page and run (interleave them with `samples` if you can). */
  baseline: { name: string; samples: readonly number[] };
  /** The goal on the ratio `median(samples) / median(baseline)`. */
  goal: Goal;
  /** An optional goal on the median of `samples` itself, in `unit`. */
  absoluteGoal?: Goal;
  note?: string;
}

const meets = (value: number, goal: Goal): boolean =>
  !Number.isNaN(value) && (goal.op === '<=' ? value <= goal.value : value >= goal.value);

/** The metric of `samples` with its baseline, ratio and the goal on the ratio. */
export function ratioMetric(input: RatioInput): Metric {
  const measured = metric(input.name, input.unit, input.samples, null, input.note);
  const base = metric(input.baseline.name, input.unit, input.baseline.samples, null);
  const ratio = measured.median / base.median;
  const met =
    meets(ratio, input.goal) && (input.absoluteGoal === undefined || meets(measured.median, input.absoluteGoal));
  return {
    ...measured,
    value: measured.median,
    baseline: base.median,
    baselineName: input.baseline.name,
    baselineStats: { median: base.median, p95: base.p95, min: base.min, max: base.max, runs: base.runs },
    ratio,
    goal: input.goal,
    goalOn: 'ratio',
    ...(input.absoluteGoal === undefined ? {} : { absoluteGoal: input.absoluteGoal }),
    met,
  };
}
