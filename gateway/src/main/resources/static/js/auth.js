// Sign-in. On the local stack: pick a demo user of the gateway's dev issuer (GET /auth/users, POST /auth/token).
// The token is kept in this tab's sessionStorage only (gone when the tab closes, never in the URL, never logged)
// and sent as Authorization: Bearer. Production (an OIDC issuer, no dev issuer): see gateway/README.md.

const KEY = 'pipeline.token';

export function token() {
  return window.sessionStorage.getItem(KEY);
}

export function signOut() {
  window.sessionStorage.removeItem(KEY);
}

/** The token's claims (sub, roles, team, region, exp), read without verifying: the servers verify it. */
export function claims(jwt = token()) {
  if (!jwt) return null;
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(window.atob(payload), c => c.charCodeAt(0))));
  } catch (malformed) {
    return null;
  }
}

/** Whether the stored token is still valid for a minute at least (else we sign in again before any call). */
export function valid() {
  const c = claims();
  return Boolean(c && c.exp && c.exp * 1000 > Date.now() + 60000);
}

/** The demo users of the dev issuer, or null where there is none (production). */
export async function demoUsers() {
  try {
    const response = await fetch('/auth/users', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    return response.ok ? response.json() : null;
  } catch (offline) {
    return null;
  }
}

export async function signInAs(username) {
  const response = await fetch('/auth/token', { method: 'POST', cache: 'no-store',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username }) });
  if (!response.ok) throw new Error(`The dev issuer refused ${username} (HTTP ${response.status})`);
  const answer = await response.json();
  window.sessionStorage.setItem(KEY, answer.access_token);
  return claims(answer.access_token);
}
