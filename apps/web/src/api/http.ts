/** The fields of an RFC 9457 problem body the screens key on (the server may add others per code). */
export interface ProblemBody {
  code?: string;
  detail?: string;
  triesLeft?: number;
  retryAfterSeconds?: number;
  reason?: string;
  /** validation_failed: which fields, by their path in the request (`body.busy.number`). */
  errors?: { field: string; message: string }[];
}

/** A failed API call, with enough to tell the person what happened and whether retrying helps. */
export class ApiError extends Error {
  constructor(
    /** network: the server was not reached; http: it answered with an error; invalid: unreadable answer */
    readonly kind: 'network' | 'http' | 'invalid',
    readonly status: number,
    /** The stable problem code from an RFC 9457 body, when the server sent one. */
    readonly code?: string,
    /** The whole problem body (detail, triesLeft, retryAfterSeconds, reason…), when there was one. */
    readonly problem: ProblemBody = {},
  ) {
    super(`${kind} error${status ? ` ${status}` : ''}${code ? ` (${code})` : ''}`);
    this.name = 'ApiError';
  }

  /** Worth retrying by itself: the network, a server error, or "too many requests". */
  get transient(): boolean {
    return this.kind === 'network' || this.status >= 500 || this.status === 429;
  }
}

// The session's CSRF key lives only in this module's memory: never in storage, where a script injected
// into the page could read it later; a reload of a device with a PIN therefore unlocks again.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

/** The page key as a header, for the few calls that cannot go through `request` (file downloads). */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/**
 * How the server says this tab's session is no longer good: locked (the key is missing or stale),
 * ended by too many wrong PINs, or gone for another reason (signed out from another device, expired).
 */
export type SessionLoss = 'unlock_required' | 'session_ended' | 'unauthorized';
let sessionLost: ((code: SessionLoss) => void) | null = null;

/** Registers who reacts when a request finds the session locked or ended (the auth layer). */
export function onSessionLost(listener: (code: SessionLoss) => void): void {
  sessionLost = listener;
}

let language = 'en';
/** The UI language, sent as Accept-Language so server texts (problem details) can follow it. */
export function setRequestLanguage(value: string): void {
  language = value;
}

async function readProblem(response: Response): Promise<ProblemBody> {
  try {
    const body = (await response.json()) as Record<string, unknown>;
    const problem: ProblemBody = {};
    if (typeof body.code === 'string') problem.code = body.code;
    if (typeof body.detail === 'string') problem.detail = body.detail;
    if (typeof body.triesLeft === 'number') problem.triesLeft = body.triesLeft;
    if (typeof body.retryAfterSeconds === 'number') problem.retryAfterSeconds = body.retryAfterSeconds;
    if (typeof body.reason === 'string') problem.reason = body.reason;
    if (Array.isArray(body.errors)) problem.errors = body.errors as ProblemBody['errors'];
    return problem;
  } catch {
    return {}; // not a problem+json body
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether a 401 here means the session in this tab is locked or gone (every call that needs the
   * session). Off for the sign-in calls themselves, whose 401s are answers (wrong PIN, password).
   */
  session?: boolean;
}

/** What index.html's boot script (apps/web/boot.js) asked for before this code had loaded. */
interface EarlyAnswers {
  session?: Promise<Response>;
  lineSummary?: Promise<{ path: string; response: Promise<Response> } | null>;
}

/**
 * The boot script's answer for this GET, taken at most once (later calls ask afresh): the session, and
 * the line summary if it was for the same line. null: there is none, ask the server now.
 */
function takeEarlyAnswer(path: string): Promise<Response | null> | null {
  const early = (globalThis as { __kabinetBoot?: EarlyAnswers }).__kabinetBoot;
  if (!early) return null;
  if (path === '/api/auth/session' && early.session) {
    const answer = early.session;
    early.session = undefined;
    return answer;
  }
  if (early.lineSummary && /^\/api\/lines\/[^/]+\/summary$/.test(path)) {
    const answer = early.lineSummary;
    early.lineSummary = undefined;
    return answer.then((summary) => (summary?.path === path ? summary.response : null));
  }
  return null;
}

/** Calls the API: JSON in and out, the CSRF key when there is one, problem+json failures as ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    const early = options.method === undefined || options.method === 'GET' ? takeEarlyAnswer(path) : null;
    response =
      (early && (await early)) ??
      (await fetch(path, {
        method: options.method ?? 'GET',
        signal: options.signal,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
      }));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError('network', 0);
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (options.session && response.status === 401) {
      csrfToken = null;
      sessionLost?.(
        problem.code === 'unlock_required' || problem.code === 'session_ended'
          ? problem.code
          : 'unauthorized',
      );
    }
    throw new ApiError('http', response.status, problem.code, problem);
  }
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('invalid', response.status);
  }
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { signal });
}

/**
 * Fetches a file the API produces (a CSV or PDF export) with the session's page key, which a plain
 * link could not send, and hands it to the browser as a download under the server's file name.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = { 'accept-language': language };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError('network', 0);
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401) {
      csrfToken = null;
      sessionLost?.(
        problem.code === 'unlock_required' || problem.code === 'session_ended'
          ? problem.code
          : 'unauthorized',
      );
    }
    throw new ApiError('http', response.status, problem.code, problem);
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the next task; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
