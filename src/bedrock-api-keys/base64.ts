/** Strict base64 (standard or URL-safe, padding optional, possibly %-encoded once) to printable UTF-8 text. */

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export function decodeBase64Text(encoded: string): string | undefined {
  let body = encoded.trim();
  if (/%[0-9A-Fa-f]{2}/.test(body)) {
    try {
      body = decodeURIComponent(body);
    } catch {
      return undefined;
    }
  }
  if (body.length < 4 || !BASE64.test(body)) return undefined;
  const text = Buffer.from(body, 'base64').toString('utf8');
  // Replacement characters or control characters: not the text a key encodes.
  if (text.length === 0 || /[\uFFFD\u0000-\u001F\u007F]/.test(text)) return undefined;
  return text;
}
