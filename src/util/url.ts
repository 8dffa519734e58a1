/** A link resolved against the page it was found on; null when it is not a valid address. */
export function resolveUrl(href: string, base: string | URL): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}
