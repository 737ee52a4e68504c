import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DomainError } from '../errors/domain-error';

/** When a call is forwarded, as networks name the four supplementary services (CFU, CFB, CFNRy, CFNRc). */
export const forwardingConditions = ['unconditional', 'busy', 'no_answer', 'unreachable'] as const;
export type ForwardingCondition = (typeof forwardingConditions)[number];

/** Seconds of ringing before "no answer" forwards: what GSM networks accept, 5 to 30 in steps of 5. */
export const NO_ANSWER_SECONDS = [5, 10, 15, 20, 25, 30] as const;
export const DEFAULT_NO_ANSWER_SECONDS = 20;

export interface ForwardingRule {
  condition: ForwardingCondition;
  /** E.164 */
  number: string;
  /** Only for no_answer. */
  noAnswerSeconds: number | null;
}

export type ForwardingRequest = Partial<
  Record<ForwardingCondition, { number: string; noAnswerSeconds?: number } | null>
>;

/**
 * Checks a line's call forwarding as the subscriber sets it: each condition on or off, a number for
 * each one that is on (any valid phone number, mobile or landline, read in the operator's home country
 * when written nationally, stored in E.164), never the line itself (a call would loop back), and a
 * ringing time for "no answer" that the network accepts. Every problem is reported at once, by field.
 */
export function decideCallForwarding(
  lineMsisdn: string,
  request: ForwardingRequest,
  homeCountry: string,
): ForwardingRule[] {
  const errors: { field: string; message: string }[] = [];
  const rules: ForwardingRule[] = [];
  for (const condition of forwardingConditions) {
    const wanted = request[condition];
    if (!wanted) continue;
    const field = `body.${condition}`;
    const parsed = /^[+\d\s().-]{1,32}$/.test(wanted.number.trim())
      ? parsePhoneNumberFromString(wanted.number.trim(), homeCountry as CountryCode)
      : undefined;
    if (!parsed?.isValid()) {
      errors.push({ field: `${field}.number`, message: 'is not a valid phone number' });
      continue;
    }
    if (parsed.number === lineMsisdn) {
      errors.push({ field: `${field}.number`, message: 'is this line itself' });
      continue;
    }
    let noAnswerSeconds: number | null = null;
    if (condition === 'no_answer') {
      noAnswerSeconds = wanted.noAnswerSeconds ?? DEFAULT_NO_ANSWER_SECONDS;
      if (!(NO_ANSWER_SECONDS as readonly number[]).includes(noAnswerSeconds)) {
        errors.push({ field: `${field}.noAnswerSeconds`, message: 'must be 5, 10, 15, 20, 25 or 30' });
        continue;
      }
    } else if (wanted.noAnswerSeconds !== undefined) {
      errors.push({ field: `${field}.noAnswerSeconds`, message: 'applies to no_answer only' });
      continue;
    }
    rules.push({ condition, number: parsed.number, noAnswerSeconds });
  }
  if (errors.length > 0) {
    throw new DomainError('validation_failed', 'The call forwarding is not valid.', { errors });
  }
  return rules;
}
