import type { RemoteDocuments } from '../net/remoteDocuments.js';
import type { StatusListSource } from '../verifying/check.js';
import type { StatusService } from './statusService.js';

/** Our own lists are built locally (no network, always current); other issuers' are fetched. */
export function createStatusListSource(
  status: StatusService,
  remoteDocuments: RemoteDocuments,
): StatusListSource {
  return {
    async fetchStatusList(url) {
      if (status.isOwnListUrl(url)) return (await status.publishByUrl(url)).credential;
      return remoteDocuments(url);
    },
    explainStatus: (credentialUuid) => status.explain(credentialUuid),
  };
}
