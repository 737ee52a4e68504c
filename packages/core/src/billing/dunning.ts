export type DunningAction = 'reminder' | 'limit' | 'block';

export interface DunningStep {
  /** Days after the due date on which the step applies. */
  daysOverdue: number;
  action: DunningAction;
}

const ACTIONS: readonly DunningAction[] = ['reminder', 'limit', 'block'];

/**
 * Parses DUNNING_STEPS, e.g. "3:reminder,10:limit,20:block": each step once, days strictly rising.
 * Throws a RangeError naming the bad entry.
 */
export function parseDunningSteps(text: string): DunningStep[] {
  const steps: DunningStep[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,3}):([a-z]+)$/.exec(entry);
    if (!match || !ACTIONS.includes(match[2] as DunningAction)) {
      throw new RangeError(`"${entry}" is not <days>:<reminder|limit|block>`);
    }
    const daysOverdue = Number(match[1]);
    const last = steps.at(-1);
    if (last && daysOverdue <= last.daysOverdue) {
      throw new RangeError(`"${entry}": days must rise from step to step`);
    }
    steps.push({ daysOverdue, action: match[2] as DunningAction });
  }
  return steps;
}

/**
 * The steps a bill has reached and not yet had applied, oldest first. A job that missed days applies
 * every step it skipped, in order, so the record shows each one.
 */
export function dunningStepsDue(
  steps: readonly DunningStep[],
  daysOverdue: number,
  applied: readonly number[],
): DunningStep[] {
  return steps.filter((s) => s.daysOverdue <= daysOverdue && !applied.includes(s.daysOverdue));
}

/** Whole local days from the due date to today (both 'YYYY-MM-DD'); negative before the due date. */
export function daysBetweenDates(from: string, to: string): number {
  const day = (s: string) =>
    Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}
