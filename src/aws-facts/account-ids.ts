/** AWS account ids: exactly 12 decimal digits, leading zeros significant. The console shows them as 1111-2222-3333. */

/** The digits of an account id, as a regular expression source for larger patterns (text scanning, ARNs). */
export const ACCOUNT_ID_PATTERN = '\\d{12}';

/** The console's grouped form, `1111-2222-3333`, as a regular expression source. */
export const CONSOLE_ACCOUNT_ID_PATTERN = '\\d{4}-\\d{4}-\\d{4}';

const ACCOUNT_ID = new RegExp(`^${ACCOUNT_ID_PATTERN}$`);
const CONSOLE_ACCOUNT_ID = new RegExp(`^${CONSOLE_ACCOUNT_ID_PATTERN}$`);

/** An account id as AWS writes it in ARNs and API answers: exactly 12 digits. */
export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** `111122223333` or the console's `1111-2222-3333` as the 12 digits; undefined for anything else. */
export function normalizeAccountId(value: string): string | undefined {
  const trimmed = value.trim();
  if (ACCOUNT_ID.test(trimmed)) return trimmed;
  if (CONSOLE_ACCOUNT_ID.test(trimmed)) return trimmed.replaceAll('-', '');
  return undefined;
}
