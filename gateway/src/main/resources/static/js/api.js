// The one way the page talks to the gateway: a bearer token on every /api call (never in the URL), or with session
// login the session cookie (sent by the browser) and the CSRF header on changes (auth.js), RFC 9457
// problems turned into ApiError, and conditional GETs for live refresh: each answer's ETag is kept with its body,
// sent back as If-None-Match, and a 304 reuses the body, so an unchanged figure is neither sent nor redrawn.
import { describeFailure } from './problems.js';

const MAX_CACHED = 200;

export class ApiError extends Error {
  constructor(status, problem) {
    const failure = describeFailure(status, problem);
    super(`${failure.title}: ${failure.detail}`);
    this.status = status;
    this.problem = problem;
    this.failure = failure;
  }
}

export class Api {
  /**
   * @param {(method: string) => Object} authHeaders the headers that authenticate a call (auth.authHeaders)
   * @param {(e: ApiError) => void} onUnauthorized
   */
  constructor(authHeaders, onUnauthorized) {
    this.authHeaders = authHeaders;
    this.onUnauthorized = onUnauthorized;
    this.cache = new Map(); // path -> {etag, body}
  }

  /** GET JSON; resolves {body, changed}: changed is false when the server answered 304 to our ETag. */
  async get(path) {
    const known = this.cache.get(path);
    const headers = { Accept: 'application/json' };
    if (known) headers['If-None-Match'] = known.etag;
    const response = await this.send(path, { headers });
    if (response.status === 304 && known) return { body: known.body, changed: false };
    const body = await response.json();
    const etag = response.headers.get('ETag');
    if (etag) {
      this.cache.delete(path);
      this.cache.set(path, { etag, body });
      // each as-of instant is a path of its own: keep the newest answers only (a Map iterates oldest first)
      if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value);
    }
    return { body, changed: true };
  }

  async json(path) {
    return (await this.get(path)).body;
  }

  async post(path, payload) {
    const response = await this.send(path, { method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(payload) });
    return response.status === 204 ? null : response.json();
  }

  /** The raw text of a GET (CSV downloads), with the token in the header, not in a link. */
  async text(path) {
    return (await this.send(path, { headers: { Accept: 'text/csv' } })).text();
  }

  async send(path, init) {
    const headers = { ...(init.headers || {}), ...this.authHeaders(init.method || 'GET') };
    let response;
    try {
      // no-store: the browser's own cache would answer our If-None-Match itself and hide the 304 from us
      response = await fetch(path, { ...init, headers, cache: 'no-store' });
    } catch (networkFailure) {
      throw new ApiError(0, null);
    }
    if (response.ok || response.status === 304) return response;
    let problem = null;
    try {
      problem = await response.json();
    } catch (notJson) {
      problem = null;
    }
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && this.onUnauthorized) this.onUnauthorized(error);
    throw error;
  }
}
