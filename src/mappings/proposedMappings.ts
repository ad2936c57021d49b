import path from 'node:path';
import { readValidatedJsonDir } from '../catalog/readValidatedJsonDir.js';
import { ConflictError } from '../core/problems.js';
import type { IssuerService, RegistrarCreateInput } from '../issuers/issuerService.js';
import type { MappingProposal, MappingService } from './mappingService.js';

/** Beside the catalogs: CATALOG_DIR/proposed-mappings/*.json. */
export const PROPOSED_MAPPINGS_SUBDIR = 'proposed-mappings';

/** A file of schemas/proposed-mappings.json: a registrar and what it proposes. */
export interface ProposedMappingsFile {
  description?: string;
  registrar: RegistrarCreateInput;
  mappings: MappingProposal[];
}

export function loadProposedMappings(catalogDir: string): ProposedMappingsFile[] {
  return readValidatedJsonDir<ProposedMappingsFile>(
    path.join(catalogDir, PROPOSED_MAPPINGS_SUBDIR),
    'proposed-mappings',
  ).map(({ value }) => value);
}

/**
 * Shipped proposals, for a registrar to stand behind and an issuer to decide: the registrar is
 * made once, and each mapping proposed once per registrar, achievement and framework, so a restart
 * (or a proposal already decided) proposes nothing again. Proposing is not an invariant (only an
 * approval is, claimed by insert), so two instances starting together at worst propose twice.
 */
export async function seedProposedMappings(
  files: readonly ProposedMappingsFile[],
  issuers: IssuerService,
  mappings: MappingService,
): Promise<void> {
  for (const { registrar, mappings: proposals } of files) {
    try {
      await issuers.createRegistrar(registrar);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    for (const proposal of proposals) {
      const earlier = await mappings.list({
        framework: proposal.framework,
        achievement: proposal.achievement,
      });
      if (earlier.some((mapping) => mapping.registrar === registrar.slug)) continue;
      await mappings.propose(registrar.slug, proposal);
    }
  }
}
