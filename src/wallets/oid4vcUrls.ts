import { setGlobalConfig } from '@openid4vc/utils';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http on this machine only: how the service runs in tests and on a laptop. */
export function isLoopbackHttp(publicUrl: URL): boolean {
  return publicUrl.protocol === 'http:' && LOOPBACK.has(publicUrl.hostname);
}

/**
 * The OpenID4VC libraries refuse http:// URLs in metadata, offers and requests (a process-wide
 * setting). They take them only when PUBLIC_URL is http on loopback; anywhere else the service is
 * reached over https, as wallets require.
 */
export function allowInsecureOid4vcUrls(publicUrl: URL): void {
  if (isLoopbackHttp(publicUrl)) setGlobalConfig({ allowInsecureUrls: true });
}
