export type CodePurpose = 'sign_in' | 'password_reset' | 'add_number';

const TEXTS: Record<string, Record<CodePurpose, (code: string, operator: string) => string>> = {
  en: {
    sign_in: (code, operator) => `${code} is your ${operator} sign-in code. Never share it. Valid 5 minutes.`,
    password_reset: (code, operator) =>
      `${code} is your ${operator} code to reset the password. Never share it. Valid 5 minutes.`,
    add_number: (code, operator) =>
      `${code} is the code to add this number to a ${operator} account. Share it with nobody. Valid 5 minutes.`,
  },
  ru: {
    sign_in: (code, operator) =>
      `${code} — код для входа в ${operator}. Никому не сообщайте. Действует 5 минут.`,
    password_reset: (code, operator) =>
      `${code} — код для смены пароля ${operator}. Никому не сообщайте. Действует 5 минут.`,
    add_number: (code, operator) =>
      `${code} — код, чтобы добавить этот номер в кабинет ${operator}. Никому не сообщайте. Действует 5 минут.`,
  },
  id: {
    sign_in: (code, operator) =>
      `${code} adalah kode masuk ${operator}. Jangan berikan kepada siapa pun. Berlaku 5 menit.`,
    password_reset: (code, operator) =>
      `${code} adalah kode untuk mengganti kata sandi ${operator}. Jangan berikan kepada siapa pun. Berlaku 5 menit.`,
    add_number: (code, operator) =>
      `${code} adalah kode untuk menambahkan nomor ini ke akun ${operator}. Jangan berikan kepada siapa pun. Berlaku 5 menit.`,
  },
};

/**
 * The code SMS in the subscriber's language. The last line is the WebOTP format ("@host #code"), so
 * phones offer the code for one-tap entry — only on the operator's own site.
 */
export function codeSmsText(
  purpose: CodePurpose,
  language: string,
  code: string,
  operator: string,
  host: string,
): string {
  const texts = TEXTS[language] ?? TEXTS.en!;
  return `${texts[purpose](code, operator)}\n\n@${host} #${code}`;
}
