/**
 * SMS text encoding: the GSM 03.38 default alphabet when every character has a place in it, UCS-2 (as
 * UTF-16 big-endian, which handsets also use for emoji) otherwise, and splitting into concatenated parts.
 */

/** GSM 03.38 default alphabet: the character at index n is septet n. 0x1B (escape) is not a character. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The default extension table: these take two septets, escape (0x1B) and the code below. */
const GSM_EXTENSION: Record<string, number> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};
const ESCAPE = 0x1b;

const GSM_CODE = new Map<string, number>();
for (let septet = 0; septet < GSM_BASIC.length; septet++) {
  if (septet !== ESCAPE) GSM_CODE.set(GSM_BASIC[septet]!, septet);
}

/** SMPP data_coding: 0 = the SMSC default alphabet (GSM 03.38, one septet per octet), 8 = UCS-2. */
export type DataCoding = 0 | 8;

export interface EncodedSmsText {
  dataCoding: DataCoding;
  /** The encoded text of each part, without headers; one element when the text fits in one SMS. */
  parts: Buffer[];
}

/** Septets in one SMS, and in each part of a concatenated one (the 6-octet header takes 7 septets). */
const GSM_SINGLE = 160;
const GSM_PART = 153;
/** Octets of UCS-2 in one SMS (70 characters), and in each part of a concatenated one (67). */
const UCS2_SINGLE = 140;
const UCS2_PART = 134;
/** A concatenation header counts parts in one octet. */
export const MAX_PARTS = 255;

/** The septets of one character, or undefined when the default alphabet does not have it. */
function gsmSeptets(char: string): number[] | undefined {
  const basic = GSM_CODE.get(char);
  if (basic !== undefined) return [basic];
  const extended = GSM_EXTENSION[char];
  return extended === undefined ? undefined : [ESCAPE, extended];
}

/** True when every character of the text is in the GSM 03.38 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!gsmSeptets(char)) return false;
  return true;
}

/**
 * Splits a sequence of characters, each already encoded, into parts of at most `single` octets when it
 * all fits in one SMS, else `part` octets; a character (an escape pair, a surrogate pair) never straddles
 * two parts, or the handset would show garbage at the seam.
 */
function split(chars: number[][], single: number, part: number): Buffer[] {
  const total = chars.reduce((sum, c) => sum + c.length, 0);
  if (total <= single) return [Buffer.from(chars.flat())];
  const parts: Buffer[] = [];
  let current: number[] = [];
  for (const char of chars) {
    if (current.length + char.length > part) {
      parts.push(Buffer.from(current));
      current = [];
    }
    current.push(...char);
  }
  if (current.length > 0) parts.push(Buffer.from(current));
  return parts;
}

/** Encodes a text for submit_sm. Throws a plain Error for a text that would need more than 255 parts. */
export function encodeSmsText(input: string): EncodedSmsText {
  const text = input.normalize('NFC');
  const chars = [...text];
  const septets = chars.map(gsmSeptets);
  let encoded: EncodedSmsText;
  if (septets.every((s) => s !== undefined)) {
    encoded = { dataCoding: 0, parts: split(septets as number[][], GSM_SINGLE, GSM_PART) };
  } else {
    const units = chars.map((char) => {
      const bytes = Buffer.from(char, 'utf16le').swap16();
      return [...bytes];
    });
    encoded = { dataCoding: 8, parts: split(units, UCS2_SINGLE, UCS2_PART) };
  }
  if (encoded.parts.length > MAX_PARTS) {
    throw new Error(
      `an SMS text may take at most ${MAX_PARTS} parts; this one needs ${encoded.parts.length}`,
    );
  }
  return encoded;
}

/** Decodes what `encodeSmsText` produced (for tests and the outbox's description of a message). */
export function decodeSmsText(dataCoding: DataCoding, bytes: Buffer): string {
  if (dataCoding === 8) return Buffer.from(bytes).swap16().toString('utf16le');
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const septet = bytes[i]!;
    if (septet === ESCAPE && i + 1 < bytes.length) {
      const code = bytes[++i]!;
      text += Object.keys(GSM_EXTENSION).find((char) => GSM_EXTENSION[char] === code) ?? ' ';
    } else {
      text += GSM_BASIC[septet] ?? ' ';
    }
  }
  return text;
}

/**
 * The user data header of part `sequence` (1-based) of `total`: concatenated short messages with an
 * 8-bit reference (IEI 0x00), which every handset and SMSC understands.
 */
export function concatenationHeader(reference: number, total: number, sequence: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, sequence]);
}
