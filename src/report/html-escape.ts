// Everything that reaches the HTML report comes from scenarios, logs and the service under test, so
// every piece of text and every attribute value goes through here.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/** Ids and class names built from user text: only characters that need no escaping anywhere. */
export function safeToken(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}
