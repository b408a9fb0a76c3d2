/** Escaping for the two places report data enters the page: HTML text/attributes and a JSON script block. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON safe inside `<script type="application/json">`: `<`, `>` and `&` become `\u003c`-style escapes, so no
 * string (a file named `</script>...`, a `<!--`) can end the block or open a comment; U+2028/U+2029 too, so
 * the text stays valid wherever a JavaScript parser sees it. JSON.parse restores every one of them.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
