/**
 * The service's public base URL without a trailing slash, so paths can be appended: config
 * strips the slash from the path, but `URL.href` of a bare origin always ends in one.
 */
export function baseUrlOf(publicUrl: URL): string {
  return publicUrl.href.replace(/\/$/, '');
}

/** The path part of the base URL ('' at the root), for links inside pages. */
export function basePathOf(publicUrl: URL): string {
  return publicUrl.pathname.replace(/\/$/, '');
}
