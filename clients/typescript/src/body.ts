/**
 * A response's body as text and, when that text is JSON, parsed (else `json` is null: an empty body, or an
 * error page of a proxy in front of the server). Callers report a failed status with what it holds.
 */
export async function readBody(response: { text(): Promise<string> }): Promise<{ text: string; json: any }> {
  const text = await response.text();
  try {
    return { text, json: text ? JSON.parse(text) : null };
  } catch {
    return { text, json: null };
  }
}
