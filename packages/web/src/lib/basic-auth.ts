/**
 * HTTP basic authentication for the whole site, on when SITE_PASSWORD is set (the deployed
 * site) and off when it is not (a developer's machine). The user name is SITE_USER, "churn"
 * when unset. CHURN_SITE_PASSWORD and CHURN_SITE_USERNAME, the names the deployment passes,
 * are read when the shorter names are unset.
 */

export interface SiteCredentials {
  readonly user: string;
  readonly password: string;
}

/** The credentials the site demands, or `undefined` when it is open. */
export function siteCredentials(
  env: Readonly<Record<string, string | undefined>>,
): SiteCredentials | undefined {
  const password = firstSet(env.SITE_PASSWORD, env.CHURN_SITE_PASSWORD);
  if (password === undefined) return undefined;
  return { user: firstSet(env.SITE_USER, env.CHURN_SITE_USERNAME) ?? "churn", password };
}

function firstSet(...values: readonly (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== "");
}

/** True when an Authorization header carries exactly these credentials. */
export function isAuthorized(header: string | null, credentials: SiteCredentials): boolean {
  const match = header === null ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return false;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)));
  } catch {
    return false;
  }
  const separator = decoded.indexOf(":");
  if (separator < 0) return false;
  const userMatches = isEqualInConstantTime(decoded.slice(0, separator), credentials.user);
  const passwordMatches = isEqualInConstantTime(decoded.slice(separator + 1), credentials.password);
  return userMatches && passwordMatches;
}

/**
 * Compares two strings in time that depends only on their lengths, so the answer time does not
 * tell a guesser how many leading characters were right.
 */
function isEqualInConstantTime(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let index = 0; index < b.length; index += 1) {
    difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  }
  return difference === 0;
}
