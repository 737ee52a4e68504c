/**
 * A PIN only guards a device that is already signed in, and three wrong tries end the session, so 4-6
 * digits are enough — but not the PINs everybody tries first: one digit repeated or a straight run.
 */
export function isAcceptablePin(pin: string): boolean {
  if (!/^\d{4,6}$/.test(pin)) return false;
  if (/^(\d)\1+$/.test(pin)) return false;
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  return !(steps.size === 1 && (steps.has(1) || steps.has(-1)));
}
