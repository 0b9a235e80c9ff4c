/**
 * The HTTP client the simulator tests share: sends a JSON body (or a raw string, to test malformed
 * input) with the given headers, and returns status, headers, text and the parsed body.
 */
export async function sendJson<Body = Record<string, unknown>>(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as Body) : null };
}
