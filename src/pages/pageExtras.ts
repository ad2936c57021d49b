import { displayNameOf, issuerNameOf } from '../credentials/fields.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { IssuingService } from '../issuing/issuingService.js';
import type { StatusService } from '../status/statusService.js';
import type { CredentialRecord, Store } from '../store/port.js';
import type { ConstituentLink, PageExtras } from './credentialPageModel.js';

/** What the status module and the stack say about a credential, for its public page. */
export async function loadPageExtras(
  record: CredentialRecord,
  services: { store: Store; status: StatusService; issuing: IssuingService },
): Promise<PageExtras> {
  const view = await services.status.stateOf(record);
  const constituents: ConstituentLink[] = [];
  for (const id of record.constituentIds) {
    const constituent = await services.store.findCredential(id);
    if (!constituent) continue;
    const json = credentialJson(constituent);
    const issuerName = issuerNameOf(json);
    constituents.push({
      name: displayNameOf(json) ?? 'Credential',
      url: services.issuing.credentialUrl(id),
      ...(issuerName ? { issuerName } : {}),
      state: (await services.status.stateOf(constituent)).state,
    });
  }
  return {
    status: {
      state: view.state,
      ...(view.lastChange ? { reason: view.lastChange.reason, since: view.lastChange.at } : {}),
    },
    ...(constituents.length > 0 ? { constituents } : {}),
  };
}
