import type { ErrorCode, FieldError } from './types';

export const API_BASE = '/api/v1';

/** Codes the client adds for failures that never reached the server's error handler. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode | (string & {});
  readonly status: number;
  readonly details: unknown;
  readonly fieldErrors: FieldError[];
  /** From the Retry-After header of a 429 answer, when the server sends one. */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    code: string;
    message: string;
    status: number;
    details?: unknown;
    retryAfterSeconds?: number | null;
  }) {
    super(options.message);
    this.code = options.code;
    this.status = options.status;
    this.details = options.details;
    this.fieldErrors = readFieldErrors(options.details);
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  /**
   * The first message for a field path (`roles`, `roles.0`, …); nested paths count for their parent. Request
   * schema errors name their location (`body.roles`); the path without it finds them too.
   */
  fieldError(path: string): string | undefined {
    const matches = (candidate: string) => candidate === path || candidate.startsWith(`${path}.`);
    return this.fieldErrors.find(
      (f) => matches(f.path) || (f.path.startsWith('body.') && matches(f.path.slice(5))),
    )?.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function readFieldErrors(details: unknown): FieldError[] {
  if (typeof details !== 'object' || details === null || !('fields' in details)) return [];
  const fields = details.fields;
  if (!Array.isArray(fields)) return [];
  const result: FieldError[] = [];
  for (const field of fields as unknown[]) {
    if (typeof field !== 'object' || field === null) continue;
    const { path, message } = field as { path?: unknown; message?: unknown };
    const pathText = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : '';
    if (typeof message === 'string') result.push({ path: pathText, message });
  }
  return result;
}

// The CSRF token lives in memory only: the server hands it out with the session (login and GET /me), and a
// page reload fetches it again through GET /me.
let csrfToken: string | null = null;
let acceptLanguage = 'en';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setRequestLanguage(language: string): void {
  acceptLanguage = language;
}

/** Called when any request except the login itself answers 401: the session has ended. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sent as multipart/form-data instead of a JSON body (the browser sets the boundary). */
  formData?: FormData;
  /** Sent as is with its content type instead of a JSON body (e.g. a CSV file). */
  rawBody?: { content: string | Blob; contentType: string };
  /** Extra request headers (e.g. If-Match for optimistic concurrency). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not treat 401 as "session ended" (login, and the GET /me probe that decides whether to show login). */
  skipAuthRedirect?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** Encodes one path segment: ids and tokens come from data and may not be URL-safe. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage,
    ...options.headers,
  };
  if (options.rawBody) headers['Content-Type'] = options.rawBody.contentType;
  else if (options.body !== undefined && !options.formData) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.rawBody?.content ??
        options.formData ??
        (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'network_error', message: 'The server could not be reached.', status: 0 });
  }

  if (response.status === 401 && !options.skipAuthRedirect) {
    csrfToken = null;
    onUnauthenticated?.();
  }

  if (response.status === 204 || response.headers.get('Content-Length') === '0') {
    if (response.ok) return undefined as T;
  }

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text) as unknown;
    } catch {
      throw new ApiError({
        code: response.ok ? 'unexpected_response' : statusToCode(response.status),
        message: response.statusText || 'Unexpected response from the server.',
        status: response.status,
      });
    }
  }

  if (!response.ok) {
    throw toApiError(response.status, payload, response.statusText, readRetryAfter(response.headers));
  }
  return payload as T;
}

function readRetryAfter(headers: Headers): number | null {
  const value = headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function toApiError(
  status: number,
  payload: unknown,
  statusText: string,
  retryAfterSeconds: number | null,
): ApiError {
  if (typeof payload === 'object' && payload !== null && 'error' in payload) {
    const error = payload.error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      return new ApiError({
        code: typeof code === 'string' ? code : statusToCode(status),
        message: typeof message === 'string' ? message : statusText,
        status,
        details,
        retryAfterSeconds,
      });
    }
  }
  return new ApiError({
    code: statusToCode(status),
    message: statusText || `HTTP ${status}`,
    status,
    retryAfterSeconds,
  });
}

function statusToCode(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 422:
      return 'unprocessable';
    case 429:
      return 'rate_limited';
    default:
      return 'internal';
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('DELETE', path, { ...options, body }),
  /** POST one file as multipart/form-data (field name `field`), with the CSRF token like any other write. */
  upload: <T>(
    path: string,
    file: File | Blob,
    options?: RequestOptions & { field?: string; fileName?: string },
  ) => {
    const formData = new FormData();
    const name = options?.fileName ?? (file instanceof File ? file.name : 'upload');
    formData.append(options?.field ?? 'file', file, name);
    return request<T>('POST', path, { ...options, formData });
  },
};
