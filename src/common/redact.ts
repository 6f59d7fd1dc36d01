/** Query parameters whose values are personal data (a student's address, a search on names and texts). */
const PERSONAL_PARAMS = new Set(['email', 'studentemail', 'q', 'contractnumber']);

/**
 * Hides from every log line the private tokens in some paths (student and school links, reset
 * links) and the values of query parameters that carry personal data (an email looked up, a
 * search); any other value that looks like an email address is hidden too.
 */
export function redactPath(url: string): string {
  const [path, query] = splitOnce(url, '?');
  const safePath = path.replace(/\/(c|cases|reset|school)\/[A-Za-z0-9_%-]{20,}/g, '/$1/[token]');
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const [key, value] = splitOnce(pair, '=');
      if (value === undefined || value === '') return pair;
      const personal = PERSONAL_PARAMS.has(key.toLowerCase()) || /@|%40/i.test(value);
      return personal ? `${key}=[redacted]` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
