import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DomainError } from '../errors/domain-error';

/**
 * The number is the login, typed however subscribers write it: "+7 900 000-00-01", "8 900 000 00 01",
 * "9000000001". National forms are read in the operator's home country. Only numbers that can be
 * mobile lines pass, in E.164.
 */
export function normaliseMsisdn(input: string, homeCountry: string): string {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32 || !/^[+\d\s().-]+$/.test(trimmed)) {
    throw invalid();
  }
  const parsed = parsePhoneNumberFromString(trimmed, homeCountry as CountryCode);
  if (!parsed?.isValid()) throw invalid();
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') throw invalid();
  return parsed.number;
}

function invalid(): DomainError {
  return new DomainError(
    'invalid_msisdn',
    'This does not look like a mobile number. Check it and try again.',
  );
}
