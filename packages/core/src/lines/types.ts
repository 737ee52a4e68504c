/** Text in the operator's languages, as the catalogue stores it; clients fall back to `en`. */
export interface LocalizedText {
  en: string;
  ru?: string;
  id?: string;
}
