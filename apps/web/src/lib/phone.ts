/**
 * A line number as people read it: "+7 900 000-00-01" for Russian and Kazakh (+7) numbers, the E.164
 * form unchanged for others (their grouping differs by country and the number stays unambiguous).
 */
export function formatMsisdn(e164: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return match ? `+7 ${match[1]} ${match[2]}-${match[3]}-${match[4]}` : e164;
}

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
