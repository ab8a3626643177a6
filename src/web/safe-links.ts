/** Whether a link from data (a URL parameter, a notification) stays inside this app. */
function isInternalPath(path: string): boolean {
  // '//host' and '/\host' are protocol-relative URLs to another site in browsers.
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

/** Where to go after signing in: `next` comes from the URL and must not send the user elsewhere. */
export function safeNextPath(next: string | null): string {
  if (!next || !isInternalPath(next) || next.startsWith('/login')) return '/';
  return next;
}

/** Links in notifications come from the server; only paths inside this app are followed. */
export function internalLink(link: string | null): string | null {
  return link && isInternalPath(link) ? link : null;
}
