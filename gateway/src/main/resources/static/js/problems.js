// What the page says when a request fails: a pure mapping from an HTTP status and its RFC 9457 problem body to a
// message for people (unit-tested in the browser test). Never a blank screen, never a stack trace.

/**
 * @param {number} status HTTP status, 0 when the gateway could not be reached at all
 * @param {object|null} problem the application/problem+json body, when there was one
 * @returns {{kind: string, title: string, detail: string, signIn: boolean, retry: boolean}}
 */
export function describeFailure(status, problem) {
  const detail = problem && typeof problem.detail === 'string' ? problem.detail : '';
  if (status === 0) {
    return { kind: 'offline', title: 'The gateway cannot be reached',
      detail: 'Check your connection; the page retries on its own.', signIn: false, retry: true };
  }
  if (status === 401) {
    return { kind: 'unauthenticated', title: 'Your sign-in has expired',
      detail: 'The token was refused (expired, or the issuer restarted). Sign in again to continue.',
      signIn: true, retry: false };
  }
  if (status === 403) {
    return { kind: 'forbidden', title: 'Not in your view',
      detail: detail || 'Your role does not allow this scope or action.', signIn: false, retry: false };
  }
  if (status === 404) {
    return { kind: 'not-available', title: 'Not available',
      detail: detail || 'This is not available on this server yet.', signIn: false, retry: false };
  }
  if (status === 429) {
    return { kind: 'too-many', title: 'Too many requests',
      detail: 'The gateway asked us to slow down; the page retries shortly.', signIn: false, retry: true };
  }
  if (status === 400 || status === 422) {
    const field = problem && Array.isArray(problem.errors) && problem.errors.length
      ? problem.errors.map(e => `${e.field}: ${e.message}`).join('; ') : '';
    return { kind: 'invalid', title: 'The request was refused', detail: field || detail || 'Check the values.',
      signIn: false, retry: false };
  }
  if (status >= 502 && status <= 504) {
    return { kind: 'unavailable', title: 'A service is not answering',
      detail: `The service behind the gateway is down or too slow (HTTP ${status}); the page retries on its own.`,
      signIn: false, retry: true };
  }
  return { kind: 'error', title: `Unexpected answer (HTTP ${status})`, detail: detail || 'Try again later.',
    signIn: false, retry: status >= 500 };
}
