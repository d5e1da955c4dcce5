// Sign-in, in one of two modes the gateway names at GET /session:
// - session login (production): the gateway is the OAuth client and holds the session; the page holds only the
//   HttpOnly session cookie, never a token. Sign-in is a link to the gateway's /oauth2/authorization/...; the user's
//   claims come from GET /session; changes carry the CSRF cookie's value in X-XSRF-TOKEN.
// - dev issuer (local stack): pick a demo user (GET /auth/users, POST /auth/token); the token is kept in this tab's
//   sessionStorage only (gone when the tab closes, never in the URL, never logged) and sent as Authorization: Bearer.

const KEY = 'pipeline.token';
const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'X-XSRF-TOKEN';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What GET /session said: {sessionLogin, provider, signInUrl, user}; null until init() ran or where it failed. */
let session = null;

/** Asks the gateway how this page signs in (and, with session login, who is signed in). */
export async function init() {
  try {
    const response = await fetch('/session', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    session = response.ok ? await response.json() : null;
  } catch (offline) {
    session = null;
  }
  return session;
}

/** Whether the gateway holds the session (production sign-in), rather than the page holding a dev token. */
export function sessionLogin() {
  return Boolean(session && session.sessionLogin);
}

/** With session login: the issuer's name and the gateway's sign-in link. */
export function provider() {
  return sessionLogin() ? { name: session.provider, signInUrl: session.signInUrl } : null;
}

/** Why the sign-in screen shows first, when the gateway sent the browser back after a refused sign-in. */
export function signInProblem() {
  return window.location.hash === '#sign-in-failed'
    ? 'The identity provider did not sign you in (refused or cancelled). Try again.' : null;
}

export function expiredMessage() {
  return sessionLogin() ? 'Your session has ended (signed out elsewhere, idle too long or the identity provider refused'
    + ' to renew it). Sign in again.' : 'Your sign-in has expired: the token was refused. Sign in again.';
}

export function token() {
  return sessionLogin() ? null : window.sessionStorage.getItem(KEY);
}

/** The headers that authenticate an /api call: a bearer token (dev issuer), or for a change the CSRF header. */
export function authHeaders(method = 'GET') {
  if (sessionLogin()) {
    const csrf = cookie(CSRF_COOKIE);
    return !SAFE_METHODS.has(method.toUpperCase()) && csrf ? { [CSRF_HEADER]: csrf } : {};
  }
  const bearer = token();
  return bearer ? { Authorization: `Bearer ${bearer}` } : {};
}

function cookie(name) {
  const found = document.cookie.split('; ').find(c => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

/** Forgets the sign-in on this page (a refused token or an ended session); the gateway's session is not touched. */
export function signOut() {
  window.sessionStorage.removeItem(KEY);
  if (session) session.user = null;
}

/**
 * Ends the sign-in for good. Session login: a form POST to the gateway's /logout with the CSRF token (a real
 * navigation, so the gateway can go on to the issuer's logout, by POST too: no token in a URL); resolves false then,
 * as the page is being left. Dev issuer: the token is dropped; resolves true.
 */
export function endSession() {
  if (!sessionLogin()) {
    signOut();
    return true;
  }
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  form.hidden = true;
  const csrf = document.createElement('input');
  csrf.type = 'hidden';
  csrf.name = '_csrf';
  csrf.value = cookie(CSRF_COOKIE) || '';
  form.append(csrf);
  document.body.append(form);
  form.submit();
  return false;
}

/** The signed-in user's claims (sub, roles, team, region), only to offer the right controls: the servers decide. */
export function claims(jwt = token()) {
  if (sessionLogin()) return session.user || null;
  if (!jwt) return null;
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(window.atob(payload), c => c.charCodeAt(0))));
  } catch (malformed) {
    return null;
  }
}

/** Whether we are signed in: a session user, or a stored token still valid for a minute at least. */
export function valid() {
  if (sessionLogin()) return Boolean(session.user);
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
