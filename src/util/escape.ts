/** Escapes text for HTML element content and quoted attribute values: scraped text never becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A scraped address as a link target, or null when it must not be one: only http and https link, so a
 * javascript:, data: or file: address stays out of every edition. The address is given as the URL
 * standard writes it: percent-escapes kept as they are (not escaped twice), spaces, quotes and angle
 * brackets escaped, so it cannot end a Markdown autolink or an HTML attribute early.
 */
export function linkTarget(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** Text that a regular expression matches literally: a configured name or keyword put inside a pattern. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
