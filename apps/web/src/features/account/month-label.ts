/**
 * How the spending chart names a month ("2026-06"). Intl's short month with a two-digit year gives
 * "Jun 26", which reads as the 26th of June, so the year is written out and only where it is news.
 */

function middleOf(month: string): Date {
  return new Date(`${month}-15T12:00:00Z`);
}

/** A table row's month, short enough for one line on a phone: "Aug 2026", "авг. 2026 г.", "Agu 2026". */
export function monthWithYear(month: string, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    middleOf(month),
  );
}

/**
 * Labels under the bars, oldest first: the short month under each, the year under the first bar and
 * under each January, so six narrow bars on a phone still say which year they are in.
 */
export function barLabels(months: readonly string[], language: string): { month: string; year?: string }[] {
  const short = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
  return months.map((month, i) => {
    const label = short.format(middleOf(month));
    return i === 0 || month.endsWith('-01') ? { month: label, year: month.slice(0, 4) } : { month: label };
  });
}
