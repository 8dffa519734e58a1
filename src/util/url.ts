/** A link resolved against the page it was found on; null when it is not a valid address. */
/**
 * Orders two addresses by their UTF-16 code units (not by locale): the tie-break of the analysis wherever
 * scores and times are equal, so a day reads the same whatever order a crawl stored its documents in (a
 * document's row id is the order it was stored).
 */
export function compareUrls(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function resolveUrl(href: string, base: string | URL): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/** The address an archived copy was taken from: web.archive.org/web/20120611024252/http://… gives http://…. */
export function archivedFrom(url: string): string {
  const wayback = /^https?:\/\/web\.archive\.org\/web\/\d{4,14}[a-z_]*\/(.+)$/.exec(url);
  if (!wayback) return url;
  return /^https?:\/\//.test(wayback[1]!) ? wayback[1]! : `http://${wayback[1]!}`;
}
