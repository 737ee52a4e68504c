/** Calendar days as YYYY-MM-DD, the way the details API takes its period. Pure, so it is tested. */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar day of an instant in a time zone (the operator's billing zone). */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'last7' | 'last30';
export const periodPresets: PeriodPreset[] = ['thisMonth', 'lastMonth', 'last7', 'last30'];

/** Days counted back from `today` (both inclusive): last7 from 2026-11-26 is 2026-11-20 … 2026-11-26. */
function daysBack(today: string, days: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - (days - 1));
  return date.toISOString().slice(0, 10);
}

/** The period a preset means on a given day. */
export function presetPeriod(preset: PeriodPreset, today: string): { from: string; to: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'thisMonth':
      return { from: `${year}-${pad(month)}-01`, to: today };
    case 'lastMonth': {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      // Day 0 of the next month is the last day of this one.
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last)}` };
    }
    case 'last7':
      return { from: daysBack(today, 7), to: today };
    case 'last30':
      return { from: daysBack(today, 30), to: today };
  }
}

/**
 * The last `count` calendar months up to `today`, oldest first; the current one ends today:
 * (2026-11-26, 3) → Sep 1–30, Oct 1–31, Nov 1–26.
 */
export function lastMonths(today: string, count: number): { month: string; from: string; to: string }[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const out: { month: string; from: string; to: string }[] = [];
  for (let back = count - 1; back >= 0; back--) {
    // Months counted from year 0 make the year roll over by plain integer arithmetic.
    const index = year * 12 + (month - 1) - back;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const last = back === 0 ? Number(today.slice(8, 10)) : new Date(Date.UTC(y, m, 0)).getUTCDate();
    out.push({ month: `${y}-${pad(m)}`, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last)}` });
  }
  return out;
}
