/** A failed API call, with enough to tell the person what happened and whether retrying helps. */
export class ApiError extends Error {
  constructor(
    /** network: the server was not reached; http: it answered with an error; invalid: unreadable answer */
    readonly kind: 'network' | 'http' | 'invalid',
    readonly status: number,
    /** The stable problem code from an RFC 9457 body, when the server sent one. */
    readonly code?: string,
  ) {
    super(`${kind} error${status ? ` ${status}` : ''}${code ? ` (${code})` : ''}`);
    this.name = 'ApiError';
  }

  /** Worth retrying by itself: the network, a server error, or "too many requests". */
  get transient(): boolean {
    return this.kind === 'network' || this.status >= 500 || this.status === 429;
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('network', 0);
  }
  if (!response.ok) {
    let code: string | undefined;
    try {
      const problem = (await response.json()) as { code?: unknown };
      if (typeof problem.code === 'string') code = problem.code;
    } catch {
      // not a problem+json body
    }
    throw new ApiError('http', response.status, code);
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('invalid', response.status);
  }
}
