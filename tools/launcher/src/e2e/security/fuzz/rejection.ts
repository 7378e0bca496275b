/**
 * What a refusal must look like: a JSON body whose message says what was wrong. Returns why an
 * answer falls short, or undefined when it is a proper refusal.
 */
const BARE_REASONS = new Set(['bad request', 'unprocessable entity', 'payload too large', 'not found', 'forbidden', 'unauthorized', 'error', 'internal server error']);
const LEAKS = /\n\s+at |QueryFailedError|duplicate key value|syntax error at or near|node_modules|\.[jt]s:\d+:\d+|stack/i;

export function rejectionProblem(status: number, body: unknown, text: string): string | undefined {
  if (status < 400 || status > 499) return `status ${status} is not a 4xx`;
  if (LEAKS.test(text)) return 'the body leaks a stack trace, a file path or SQL';
  if (typeof body !== 'object' || body === null) return 'the body is not JSON';
  const { message, detail } = body as { message?: unknown; detail?: unknown };
  const messages = (Array.isArray(message) ? message : [message ?? detail]).filter((item): item is string => typeof item === 'string' && item.trim().length > 0);
  if (messages.length === 0) return 'the body has no message (or detail) saying what was wrong';
  if (messages.every((item) => BARE_REASONS.has(item.trim().toLowerCase()))) return `the message only repeats the status ("${messages[0]}")`;
  return undefined;
}
