import {
  consoleScript,
  consoleStylesheet,
  script,
  stylesheet,
  type PageAsset,
} from '../../pages/assets.js';
import { defineRoute, type RouteSpec } from '../route.js';

function assetRoute(asset: PageAsset, operationId: string, summary: string): RouteSpec {
  return defineRoute({
    method: 'get',
    path: asset.path.replace(/\?.*$/, ''),
    operationId,
    summary,
    tag: 'Pages',
    access: 'public',
    responses: { 200: { description: summary, contentType: asset.contentType } },
    async handle() {
      return {
        status: 200,
        body: asset.body,
        contentType: asset.contentType,
        // Pages link it with a content hash, so a changed file gets a new URL.
        headers: { 'Cache-Control': 'public, max-age=31536000, immutable' },
      };
    },
  });
}

export const assetRoutes = [
  assetRoute(stylesheet, 'getPageStylesheet', 'The stylesheet of the public pages'),
  assetRoute(script, 'getPageScript', 'The progressive-enhancement script of the public pages'),
  assetRoute(consoleStylesheet, 'getConsoleStylesheet', 'The stylesheet of the issuer console'),
  assetRoute(
    consoleScript,
    'getConsoleScript',
    'The progressive-enhancement script of the issuer console (live batch progress)',
  ),
];
