/** ICCIDs end in a Luhn check digit (ITU-T E.118). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A SIM serial for the demo operator: 89 (telecom) + 7 (country) + 01 (issuer) + serial + check digit. */
export function iccidFor(serial: number): string {
  const body = `897010${String(serial).padStart(12, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** IMSI: MCC 250, a demo MNC 99, then the subscriber's serial. */
export function imsiFor(serial: number): string {
  return `25099${String(serial).padStart(10, '0')}`;
}
