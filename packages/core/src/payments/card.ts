import type { CardSummary } from './types';

/** The Luhn (mod 10) check digit rule every payment card number follows. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card numbers are typed with spaces or dashes; only the digits count. */
export function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The scheme by the number's leading digits (IIN ranges), for display only. */
export function cardBrandOf(digits: string): string {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'mastercard';
  if (/^220[0-4]/.test(digits)) return 'mir';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(62|81)/.test(digits)) return 'unionpay';
  if (/^35(2[89]|[3-8]\d)/.test(digits)) return 'jcb';
  return 'card';
}

export type CardInputProblem = 'number' | 'expiry' | 'expired' | 'cvc';

/**
 * Checks what a payer typed on a card form: a Luhn-valid number, an MM/YY expiry that has not passed
 * (a card is valid to the end of its expiry month) and a 3-digit CVC (4 for American Express).
 */
export function checkCardInput(
  input: { number: string; expiry: string; cvc: string },
  now: Date,
): { ok: true; digits: string; card: CardSummary } | { ok: false; problems: CardInputProblem[] } {
  const problems: CardInputProblem[] = [];
  const digits = cardDigits(input.number);
  if (!passesLuhn(digits)) problems.push('number');
  const brand = cardBrandOf(digits);
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
  let expMonth = 0;
  let expYear = 0;
  if (!expiry) problems.push('expiry');
  else {
    expMonth = Number(expiry[1]);
    expYear = expiry[2]!.length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
    if (expMonth < 1 || expMonth > 12) problems.push('expiry');
    else {
      const year = now.getUTCFullYear();
      const month = now.getUTCMonth() + 1;
      if (expYear < year || (expYear === year && expMonth < month)) problems.push('expired');
    }
  }
  const cvcLength = brand === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(input.cvc.trim())) problems.push('cvc');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, digits, card: { brand, last4: digits.slice(-4), expMonth, expYear } };
}
