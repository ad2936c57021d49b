import type { RouteSpec } from '../route.js';
import { achievementRoutes } from './achievements.js';
import { assetRoutes } from './assets.js';
import { batchRoutes } from './batches.js';
import { credentialPageRoutes } from './credentialPages.js';
import { credentialQrRoutes } from './credentialQr.js';
import { credentialRoutes } from './credentials.js';
import { didRoutes } from './dids.js';
import { endorsementRoutes } from './endorsements.js';
import { frameworkRoutes } from './frameworks.js';
import { healthRoutes } from './health.js';
import { imageRoutes } from './images.js';
import { issuerRoutes } from './issuers.js';
import { apiKeyRoutes } from './apiKeys.js';
import { learnerRoutes } from './learners.js';
import { learnerMailRoutes } from './learnerMail.js';
import { mailTemplateRoutes } from './mailTemplates.js';
import { mappingRoutes } from './mappings.js';
import { metricsRoutes } from './metrics.js';
import { offlineVerifyRoutes } from './offlineVerify.js';
import { presentationRoutes } from './presentations.js';
import { registrarRoutes } from './registrars.js';
import { sharingRoutes } from './sharing.js';
import { statusRoutes } from './status.js';
import { transcriptPageRoutes } from './transcriptPages.js';
import { verifyPageRoutes } from './verifyPages.js';
import { openid4vciRoutes } from './openid4vci.js';
import { walletRoutes } from './wallets.js';
import { webhookRoutes } from './webhooks.js';
import { staffRoutes } from './staff.js';
import { consoleSignInRoutes } from './consoleSignIn.js';
import { consolePasskeyRoutes } from './consolePasskeys.js';
import { consolePageRoutes } from './consolePages.js';
import { consoleAwardRoutes } from './consoleAward.js';
import { consoleIntegrationRoutes } from './consoleIntegrations.js';
import { consoleMailTemplateRoutes } from './consoleMailTemplates.js';
import { consoleOfferRoutes } from './consoleOffers.js';
import { consoleSettingsRoutes } from './consoleSettings.js';
import { consoleBulkRoutes } from './consoleBulk.js';
import { consoleRecordRoutes } from './consoleRecords.js';
import { consoleMetricsRoutes } from './consoleMetrics.js';
import { partnerMetricsRoutes } from './partnerMetrics.js';

/** Every route the service serves, besides /openapi.json itself. */
export const routes: readonly RouteSpec[] = [
  ...healthRoutes,
  ...metricsRoutes,
  ...partnerMetricsRoutes,
  ...issuerRoutes,
  ...apiKeyRoutes,
  ...webhookRoutes,
  ...learnerMailRoutes,
  ...mailTemplateRoutes,
  ...registrarRoutes,
  ...achievementRoutes,
  ...frameworkRoutes,
  ...mappingRoutes,
  ...imageRoutes,
  ...credentialRoutes,
  ...didRoutes,
  ...walletRoutes,
  ...openid4vciRoutes,
  ...batchRoutes,
  ...endorsementRoutes,
  ...presentationRoutes,
  ...statusRoutes,
  ...learnerRoutes,
  ...credentialPageRoutes,
  ...transcriptPageRoutes,
  ...sharingRoutes,
  ...credentialQrRoutes,
  ...verifyPageRoutes,
  ...offlineVerifyRoutes,
  ...assetRoutes,
  ...staffRoutes,
  ...consoleSignInRoutes,
  ...consolePasskeyRoutes,
  ...consolePageRoutes,
  ...consoleAwardRoutes,
  ...consoleSettingsRoutes,
  ...consoleIntegrationRoutes,
  ...consoleMailTemplateRoutes,
  ...consoleOfferRoutes,
  ...consoleBulkRoutes,
  ...consoleRecordRoutes,
  ...consoleMetricsRoutes,
];
