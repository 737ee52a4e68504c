/**
 * A line number as people read it: "+7 900 000-00-01" (unbreakable) for Russian and Kazakh (+7) numbers, the E.164
 * form unchanged for others (their grouping differs by country and the number stays unambiguous).
 */
export function formatMsisdn(e164: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  // No-break spaces and hyphens: a number is never split across two lines of text.
  return match ? `+7${NBSP}${match[1]}${NBSP}${match[2]}${NBH}${match[3]}${NBH}${match[4]}` : e164;
}

const NBSP = '\u00a0';
const NBH = '\u2011';

/** What a code or PIN field keeps of what was typed or pasted: its digits, at most `max` of them. */
export function digitsOnly(value: string, max: number): string {
  return value.replace(/\D/g, '').slice(0, max);
}

/** A PIN the server can accept: 4 to 6 digits. */
export function isPinShape(pin: string): boolean {
  return /^\d{4,6}$/.test(pin);
}

/** "0:42", "1:05": the time left before a new code may be sent. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * A number as typed, shown back the way people read it: national Russian forms ("8 900…", "900…")
 * become "+7 900 000-00-01"; anything else is shown as typed (the server decides what is valid).
 */
export function displayTypedNumber(typed: string): string {
  const digits = typed.replace(/\D/g, '');
  if (/^[78]9\d{9}$/.test(digits) && (typed.trim().startsWith('+7') || !typed.trim().startsWith('+'))) {
    return formatMsisdn(`+7${digits.slice(1)}`);
  }
  if (/^9\d{9}$/.test(digits) && !typed.trim().startsWith('+')) return formatMsisdn(`+7${digits}`);
  return typed.trim();
}
