import type { Config } from './config.js';
import { IssuerService } from './issuers/issuerService.js';
import { IssuingService } from './issuing/issuingService.js';
import { createDocumentLoader, type DocumentLoader } from './jsonld/documentLoader.js';
import { createDidResolver } from './keys/didResolver.js';
import type { Logger } from './logger.js';
import { openSecrets, type Secrets } from './secrets.js';
import type { Store } from './store/port.js';
import { Verifier } from './verifying/verifier.js';

/** Everything the HTTP layer calls: use cases over one store. */
export interface Services {
  config: Config;
  store: Store;
  logger: Logger;
  secrets: Secrets;
  documentLoader: DocumentLoader;
  issuers: IssuerService;
  issuing: IssuingService;
  verifier: Verifier;
}

export interface ServiceOptions {
  /** The time verification checks against; tests move it. */
  clock?: () => Date;
}

export async function createServices(
  config: Config,
  store: Store,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Services> {
  const secrets = await openSecrets(config, store, logger);
  const documentLoader = createDocumentLoader(createDidResolver(store, config.publicUrl));
  const issuers = new IssuerService(store, secrets.keyEncryption, config.publicUrl);
  return {
    config,
    store,
    logger,
    secrets,
    documentLoader,
    issuers,
    issuing: new IssuingService(store, issuers, documentLoader, config.publicUrl),
    verifier: new Verifier(documentLoader, options.clock),
  };
}
