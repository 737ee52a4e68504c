import type { LineSummary } from '@kabinet/contracts';

/**
 * The last Home a line showed on this device, so the next start paints the balance at once (marked as
 * not yet fresh) while the real answer is on its way. Kept only while signed in: sign-out forgets it.
 */
const PREFIX = 'kabinet.lastSummary.';

export function readLastSummary(msisdn: string): LineSummary | undefined {
  try {
    const text = localStorage.getItem(PREFIX + msisdn);
    return text ? (JSON.parse(text) as LineSummary) : undefined;
  } catch {
    return undefined;
  }
}

export function rememberSummary(summary: LineSummary): void {
  try {
    localStorage.setItem(PREFIX + summary.line.msisdn, JSON.stringify(summary));
  } catch {
    // storage full or disabled: the next start simply waits for the network
  }
}

export function forgetLastSummaries(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}
