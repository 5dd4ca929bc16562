export type PostAnswer = { status: number } | { error: string };

/**
 * One attempt: POST the signed JSON and read only the status. The attempt ends at `timeoutMs`
 * or when `stopping` fires, whichever comes first; its timer is always cleared.
 */
export async function postWebhook(
  url: string,
  rawBody: string,
  signature: string,
  timeoutMs: number,
  stopping: AbortSignal,
): Promise<PostAnswer> {
  if (stopping.aborted) return { error: 'the sender is stopping' };
  const attempt = new AbortController();
  const timer = setTimeout(() => attempt.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  const onStop = () => attempt.abort(new Error('the sender is stopping'));
  stopping.addEventListener('abort', onStop, { once: true });
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature },
      body: rawBody,
      signal: attempt.signal,
      redirect: 'manual',
    });
    // The body is not needed; reading it to the end lets the connection be reused.
    await response.arrayBuffer();
    return { status: response.status };
  } catch (error) {
    const reason: unknown = attempt.signal.aborted ? attempt.signal.reason : error;
    return { error: describe(reason) };
  } finally {
    clearTimeout(timer);
    stopping.removeEventListener('abort', onStop);
  }
}

/** fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, ...). */
function describe(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  const cause = reason.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? `${reason.message}: ${cause.code}` : reason.message;
}
