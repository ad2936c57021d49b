import { hostname } from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from './core/clock.js';
import { AwardService } from './awards/awardService.js';
import { CatalogService, type AlignmentSource } from './catalog/catalogService.js';
import { loadCatalogDir } from './catalog/loadCatalogDir.js';
import type { Language } from './catalog/catalogTypes.js';
import type { Config } from './config.js';
import { EndorsementService } from './endorsements/endorsementService.js';
import { ValidEndorsements } from './endorsements/validEndorsements.js';
import {
  FRAMEWORKS_SUBDIR,
  FrameworkService,
  loadFrameworkDir,
} from './frameworks/frameworkService.js';
import { IssuerImages } from './issuers/issuerImages.js';
import { IssuerService } from './issuers/issuerService.js';
import { IssuingService } from './issuing/issuingService.js';
import { VcApiIssue } from './issuing/vcApiIssue.js';
import {
  createDocumentLoader,
  type DidResolver,
  type DocumentLoader,
} from './jsonld/documentLoader.js';
import { createDidResolver } from './keys/didResolver.js';
import { ImportRecheck } from './learners/importRecheck.js';
import { ImportService } from './learners/importService.js';
import { LearnerKeys } from './learners/learnerKeys.js';
import { MappingService } from './mappings/mappingService.js';
import { loadProposedMappings, seedProposedMappings } from './mappings/proposedMappings.js';
import { Transcripts } from './learners/transcripts.js';
import type { Logger } from './logger.js';
import { createUrlPolicy, type UrlPolicyOptions } from './net/fetchWithPolicy.js';
import { createRemoteDocuments, type FetchRemoteJson } from './net/remoteDocuments.js';
import { openSecrets, type Secrets } from './secrets.js';
import { ExpirySweep } from './stacking/expirySweep.js';
import { LearnerHoldings } from './stacking/learnerHoldings.js';
import { LearnerProgress } from './stacking/progress.js';
import { StatusCascade } from './stacking/statusCascade.js';
import { TierAwards } from './stacking/tierAwards.js';
import { TierClaimRepair } from './stacking/tierClaimRepair.js';
import { CatalogReevaluation } from './stacking/catalogReevaluation.js';
import type { Store } from './store/port.js';
import { createStatusListSource } from './status/statusListSource.js';
import { MIN_LIST_LENGTH } from './core/statusPurpose.js';
import { StatusService, tokenStatusListUrl } from './status/statusService.js';
import { BulkStatusChange } from './status/bulkStatusChange.js';
import { ApiKeyService } from './issuers/apiKeys.js';
import { CredentialService } from './published/credentialService.js';
import { CredentialChecks } from './published/credentialChecks.js';
import { Idempotency } from './idempotency.js';
import { createKeyDocuments } from './verifying/keyDocuments.js';
import { Verifier } from './verifying/verifier.js';
import { ServiceEvents } from './events/serviceEvents.js';
import { BackgroundJobs } from './background/backgroundJobs.js';
import { ProofWorkers } from './proofWorkers/proofWorkers.js';
import { BatchProgress } from './batches/batchProgress.js';
import { BatchRunner } from './batches/batchRunner.js';
import { BatchService } from './batches/batchService.js';
import { BatchRowCheck } from './batches/rowCheck.js';
import { SingleRowAward } from './batches/singleRowAward.js';
import { WebhookEndpoints } from './webhooks/webhookEndpoints.js';
import { WebhookQueue } from './webhooks/webhookQueue.js';
import { WebhookSender } from './webhooks/webhookSender.js';
import { LearnerMail } from './mail/learnerMail.js';
import { MailTemplates } from './mail/mailTemplates.js';
import { MailSender } from './mail/mailSender.js';
import { InvitationMail } from './mail/invitationMail.js';
import { baseUrlOf } from './core/publicUrl.js';
import { createMailTransport } from './mail/mailTransport.js';
import { qrPng } from './sharing/qrCode.js';
import { allowInsecureOid4vcUrls } from './wallets/oid4vcUrls.js';
import { Oid4vciIssuance } from './wallets/oid4vciIssuance.js';
import { SdJwtCopies } from './wallets/sdJwtCopy.js';
import { WalletClaims } from './wallets/walletClaims.js';
import { AutomaticOffers } from './wallets/automaticOffers.js';
import { WalletCopies } from './wallets/walletCopies.js';
import { WalletExchange } from './wallets/walletExchange.js';
import { WalletOffers } from './wallets/walletOffers.js';
import { offerLinks } from './wallets/offerLinks.js';
import { StaffInvitations } from './accounts/staffInvitations.js';
import { ConsoleSessions } from './accounts/consoleSessions.js';
import { ConsolePasskeys } from './accounts/consolePasskeys.js';
import { StaffDirectory } from './accounts/staffDirectory.js';
import { IssuerCredentials } from './published/issuerCredentials.js';
import { ReadinessCheck } from './operations/readiness.js';
import { MetricsAccess } from './metrics/metricsAccess.js';
import { OutboxDepth } from './metrics/outboxDepth.js';
import { ServiceMetrics } from './metrics/serviceMetrics.js';
import { COUNTS_FLUSH_MS, CredentialUses } from './partnerMetrics/credentialUses.js';
import { IssuerMetricsReport } from './partnerMetrics/issuerMetrics.js';
import { PartnerGroups } from './partnerMetrics/partnerGroups.js';
import { PartnerMetrics } from './partnerMetrics/partnerMetrics.js';

/**
 * Everything the HTTP layer calls: use cases over one store. The store itself is not here:
 * routes and pages reach it only through the use cases, which own the rules around it.
 */
export interface Services {
  config: Config;
  logger: Logger;
  secrets: Secrets;
  clock: Clock;
  documentLoader: DocumentLoader;
  /** A did:key or did:web to its DID document (GET /dids/resolve, for the offline verify page). */
  resolveDid: DidResolver;
  issuers: IssuerService;
  issuerImages: IssuerImages;
  catalog: CatalogService;
  frameworks: FrameworkService;
  mappings: MappingService;
  status: StatusService;
  bulkStatus: BulkStatusChange;
  apiKeys: ApiKeyService;
  issuing: IssuingService;
  vcApiIssue: VcApiIssue;
  tierAwards: TierAwards;
  progress: LearnerProgress;
  expirySweep: ExpirySweep;
  /** Frees tier claims a crash or a failed write left without their credential. */
  tierClaimRepair: TierClaimRepair;
  /** Every learner a tier rule just written may concern, evaluated again in the background. */
  catalogReevaluation: CatalogReevaluation;
  awards: AwardService;
  idempotency: Idempotency;
  credentials: CredentialService;
  /** The verification a public page shows, kept until what it was made from changes. */
  credentialChecks: CredentialChecks;
  imports: ImportService;
  learnerKeys: LearnerKeys;
  transcripts: Transcripts;
  verifier: Verifier;
  endorsements: EndorsementService;
  /** What happened (awards, status changes, expiries, batches), for e-mail and webhooks to follow. */
  events: ServiceEvents;
  /** Sweeps and queues run outside requests; main and the test app start and stop them. */
  background: BackgroundJobs;
  /** The worker threads that sign and check proofs; closed when the app stops. */
  proofWorkers: ProofWorkers;
  batches: BatchService;
  batchProgress: BatchProgress;
  /** Issuers' webhook endpoints and their delivery log (deliveries are a background job). */
  webhooks: WebhookEndpoints;
  /** E-mail to learners about their credentials: each issuer's choice, the outbox's states. */
  learnerMail: LearnerMail;
  /** Each issuer's own texts for learner e-mail, per kind and language, and their previews. */
  mailTemplates: MailTemplates;
  /** Offers to claim a credential into a wallet, and the VC-API exchange wallets claim them by. */
  walletOffers: WalletOffers;
  /** Each issuer's walletClaim choice, and the offers it makes by itself. */
  automaticOffers: AutomaticOffers;
  walletExchange: WalletExchange;
  /** OpenID4VCI on the same offers: metadata, credential offer, token, nonce, credential. */
  oid4vci: Oid4vciIssuance;
  /** Console staff: invitations and the accounts they make. */
  staffInvitations: StaffInvitations;
  /** Console sign-in sessions. */
  consoleSessions: ConsoleSessions;
  consolePasskeys: ConsolePasskeys;
  /** An issuer's staff as its owners manage them: list, role, removal, withdrawn invitations. */
  staffDirectory: StaffDirectory;
  /** An issuer's own credentials, newest first, with where each stands (the console lists). */
  issuerCredentials: IssuerCredentials;
  /** One award checked and explained as a batch row is (the console's Award form). */
  singleAward: SingleRowAward;
  /** Whether this instance can write to its store (the readiness probe). */
  readiness: ReadinessCheck;
  /** This app's counters and latencies (its own registry); the web layer reports requests here. */
  metrics: ServiceMetrics;
  /** GET /metrics for the holder of METRICS_TOKEN. */
  metricsAccess: MetricsAccess;
  /** Partner metrics: an issuer's numbers over a period (the API and the console's Metrics). */
  partnerMetrics: PartnerMetrics;
  /** Admin-defined groups of issuers, their metrics side by side. */
  partnerGroups: PartnerGroups;
  /** Counts public page views and verifications per credential per day, nothing about who. */
  credentialUses: CredentialUses;
}

const EXPIRY_SWEEP_MS = 60_000;
const CLAIM_REPAIR_MS = 60_000;
const CATALOG_REEVALUATION_JOB = 'catalog-reevaluation';
// Kicked when a rule is written; the interval picks up parts another instance left behind.
const CATALOG_REEVALUATION_MS = 60_000;
// Batches are kicked when accepted; the interval picks up ones another instance left behind.
const BATCH_ROUND_MS = 5_000;
const BATCH_LANES = 4;
const WEBHOOK_JOB = 'webhook-deliveries';
/** Retries fall due between kicks; a second is as late as one goes out. */
const WEBHOOK_ROUND_MS = 1_000;
const LEARNER_MAIL_JOB = 'learner-mail';
/** The credential a template's preview links to: none is ever issued under it. */
const SAMPLE_UUID = '00000000-0000-4000-8000-000000000000';
// New messages kick the job; the interval picks up retries and reminders as they fall due.
const LEARNER_MAIL_MS = 30_000;
export const IMPORT_RECHECK_JOB = 'import-recheck';
/** How often an instance looks whether a new re-check round is due (and unclaimed). */
const IMPORT_RECHECK_POLL_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

export interface ServiceOptions {
  /** The time verification, expiry and status changes use; tests move it. */
  clock?: Clock;
  /** Status indexes per list before a new one opens (default: the spec's minimum, 131,072). */
  statusListCapacity?: number;
  /** How documents of other issuers are read (default: https under the URL policy). */
  fetchRemoteJson?: FetchRemoteJson;
  /** Test-only exceptions to the URL policy (a loopback HTTPS receiver); none by default. */
  urlPolicy?: UrlPolicyOptions;
}

export async function createServices(
  config: Config,
  store: Store,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Services> {
  const secrets = await openSecrets(config, store, logger);
  const clock = options.clock ?? systemClock;
  const urlPolicy = createUrlPolicy(options.urlPolicy);
  const remoteDocuments = createRemoteDocuments(options.fetchRemoteJson ?? urlPolicy.getJson);
  const resolveDid = createDidResolver(store, config.publicUrl, remoteDocuments);
  const documentLoader = createDocumentLoader(resolveDid);
  const proofWorkers = new ProofWorkers(config.signingWorkers);
  const issuers = new IssuerService(store, secrets.keyEncryption, config.publicUrl, clock);
  // Credentials carry approved levels; the mapping service needs the catalog, so this defers to it.
  const alignments: AlignmentSource = {
    alignmentsFor: (key: string, language: Language) => mappings.alignmentsFor(key, language),
  };
  const catalog = new CatalogService(store, issuers, config.publicUrl, clock, alignments);
  await catalog.sync(loadCatalogDir(config.catalogDir));
  const frameworks = new FrameworkService(
    loadFrameworkDir(path.join(config.catalogDir, FRAMEWORKS_SUBDIR)),
  );
  const mappings = new MappingService(store, catalog, frameworks, clock);
  await seedProposedMappings(loadProposedMappings(config.catalogDir), issuers, mappings);
  const events = new ServiceEvents((error, event) => {
    logger.error({ err: error, event: event.id }, 'a follower of a service event failed');
  });
  const metrics = new ServiceMetrics(new OutboxDepth(store), () =>
    store.countWalletOffersByState(clock().toISOString()),
  );
  events.follow(metrics.follow);
  const status = new StatusService(store, issuers, proofWorkers.sign, config.publicUrl, {
    capacity: options.statusListCapacity ?? MIN_LIST_LENGTH,
    clock,
    events,
  });
  const verifier = new Verifier({
    keys: createKeyDocuments(documentLoader, remoteDocuments),
    statusLists: createStatusListSource(status, remoteDocuments),
    constituents: {
      async findConstituent(uuid) {
        const record = await store.findCredential(uuid);
        return record
          ? { document: record.document, state: (await status.stateOf(record)).state }
          : undefined;
      },
    },
    clock,
    jwtClockSkewSeconds: config.jwtClockSkewSeconds,
    checkProof: proofWorkers.checkProof,
    onVerdict: (verdict) => metrics.verified(verdict),
  });
  const issuing = new IssuingService(
    store,
    issuers,
    proofWorkers.sign,
    status,
    config.publicUrl,
    clock,
    events,
    new ValidEndorsements(store, status),
  );
  const holdings = new LearnerHoldings(store, catalog, status, clock);
  const tierAwards = new TierAwards(
    store,
    catalog,
    issuers,
    issuing,
    status,
    holdings,
    clock,
    events,
  );
  const cascade = new StatusCascade(store, status, holdings, tierAwards);
  // Tiers follow what they were built from; copies claimed into wallets follow their original.
  const walletCopies = new WalletCopies(store, status);
  status.followChanges(async (record, view) => {
    await cascade.follow(record, view);
    await walletCopies.follow(record, view);
  });
  const learnerKeys = new LearnerKeys(secrets.learnerKeySecret);
  const transcripts = new Transcripts(
    holdings,
    catalog,
    issuers,
    issuing,
    learnerKeys,
    config.publicUrl,
    clock,
  );
  await transcripts.ensureIssuer();
  const expirySweep = new ExpirySweep(store, tierAwards, clock, events);
  const tierClaimRepair = new TierClaimRepair(
    store,
    catalog,
    tierAwards,
    clock,
    config.claimRepairAfterSeconds,
    (claim, count) => metrics.claimsRepaired(claim, count),
  );
  const background = new BackgroundJobs((error, job) => {
    logger.error({ err: error, job }, 'background job failed');
  });
  // Expiry must cascade to tiers even when nobody asks about the credential.
  background.add({
    name: 'expiry-sweep',
    everyMs: EXPIRY_SWEEP_MS,
    run: async () => {
      await expirySweep.sweep();
    },
  });
  // Claims a crash or a full disk left without their credential; first run at start.
  background.add({
    name: 'claim-repair',
    everyMs: CLAIM_REPAIR_MS,
    run: async () => {
      await tierClaimRepair.repair();
    },
  });
  const catalogReevaluation = new CatalogReevaluation(
    store,
    tierAwards,
    catalog,
    clock,
    config.claimRepairAfterSeconds,
    () => background.kick(CATALOG_REEVALUATION_JOB),
  );
  catalog.followWrites((achievement) =>
    catalogReevaluation.tierWritten(achievement).then(() => {}),
  );
  // A rule changed in the catalog files while the service was down is opened now.
  await catalogReevaluation.catalogRead(await catalog.list());
  background.add({
    name: CATALOG_REEVALUATION_JOB,
    everyMs: CATALOG_REEVALUATION_MS,
    run: (stopping) => catalogReevaluation.run(stopping),
  });
  const awards = new AwardService(
    catalog,
    issuers,
    issuing,
    holdings,
    tierAwards,
    status,
    learnerKeys,
    clock,
    (error) =>
      logger.error({ err: error }, 'a tier after an award failed; claim repair retries it'),
  );
  const rowCheck = new BatchRowCheck(awards, issuing);
  const batchProgress = new BatchProgress();
  const batchRunner = new BatchRunner(
    {
      store,
      rowCheck,
      awards,
      issuing,
      tierAwards,
      events,
      progress: batchProgress,
      clock,
      onRowFinished: (outcome) => metrics.batchRowFinished(outcome),
    },
    {
      leaseMs: config.batchLeaseSeconds * 1000,
      lanes: BATCH_LANES,
      holder: `${hostname()}:${process.pid}:${crypto.randomUUID()}`,
    },
  );
  background.add({
    name: 'batches',
    everyMs: BATCH_ROUND_MS,
    run: (stopping) => batchRunner.runDue(stopping),
  });
  const webhookQueue = new WebhookQueue(
    store,
    (uuid) => issuing.credentialUrl(uuid),
    clock,
    () => background.kick(WEBHOOK_JOB),
  );
  events.follow(webhookQueue.follow);
  const webhookSender = new WebhookSender(store, secrets.keyEncryption, urlPolicy, clock, {
    baseSeconds: config.webhookRetryBaseSeconds,
    retryHours: config.webhookRetryHours,
  });
  background.add({ name: WEBHOOK_JOB, everyMs: WEBHOOK_ROUND_MS, run: () => webhookSender.run() });
  const walletOffers = new WalletOffers(
    store,
    issuing,
    status,
    config.publicUrl,
    clock,
    config.walletOfferHours,
  );
  const automaticOffers = new AutomaticOffers(
    store,
    walletOffers,
    issuers,
    secrets.walletOfferSecret,
    config.publicUrl,
    clock,
    config.walletOfferHours,
  );
  // Every award of a walletClaim issuer, e-mailed or not; the mail follower makes the offer too,
  // before it queues (see LearnerMail.follow), and the offer's id makes the second one nothing.
  events.follow((event) => automaticOffers.follow(event));
  const mailTransport = createMailTransport(config.email, config.dataDir);
  const learnerMail = new LearnerMail(store, issuers, secrets.keyEncryption, {
    clock,
    reminderDays: config.email.reminderDays,
    destination: mailTransport.destination,
    onQueued: () => background.kick(LEARNER_MAIL_JOB),
    makeWalletOffer: (record) => automaticOffers.offerFor(record),
  });
  events.follow((event) => learnerMail.follow(event));
  const batches = new BatchService(
    store,
    issuers,
    rowCheck,
    learnerMail,
    (uuid) => issuing.credentialUrl(uuid),
    { maxRows: config.batchMaxRows },
    clock,
    () => background.kick('batches'),
  );
  const mailSender = new MailSender(store, status, secrets.keyEncryption, mailTransport, logger, {
    clock,
    maxAttempts: config.email.maxAttempts,
    retryBaseSeconds: config.email.retryBaseSeconds,
    host: config.publicUrl.hostname,
    credentialUrl: (uuid) => issuing.credentialUrl(uuid),
    walletClaimLink: (uuid) => automaticOffers.claimLinkOf(uuid),
    renderQrPng: qrPng,
  });
  background.add({
    name: LEARNER_MAIL_JOB,
    everyMs: LEARNER_MAIL_MS,
    run: () => mailSender.sendDue(),
  });
  const walletClaims = new WalletClaims(store, issuing, issuers, status, config.publicUrl, clock);
  allowInsecureOid4vcUrls(config.publicUrl);
  const oid4vci = new Oid4vciIssuance(
    store,
    walletOffers,
    walletClaims,
    issuers,
    issuing,
    new SdJwtCopies(issuers, config.publicUrl, clock, async (copy) =>
      copy.status
        ? {
            status_list: {
              idx: copy.status.index,
              uri: tokenStatusListUrl(
                config.publicUrl,
                copy.issuerSlug ?? '',
                copy.status.listNumber,
              ),
            },
          }
        : undefined,
    ),
    config.publicUrl,
    clock,
  );
  const credentialUses = new CredentialUses(store, clock, (error, kind) =>
    logger.warn({ err: error, kind }, 'a credential use could not be counted; it is left out'),
  );
  // This instance's own counts only, so nothing to claim: other instances write theirs.
  background.add({
    name: 'credential-use-counts',
    everyMs: COUNTS_FLUSH_MS,
    run: () => credentialUses.flush(),
  });
  const metricsReport = new IssuerMetricsReport(store, catalog, issuers, clock, credentialUses);
  const imports = new ImportService(
    store,
    catalog,
    verifier,
    tierAwards,
    learnerKeys,
    clock,
    (record, view) => cascade.follow(record, view),
  );
  if (config.importRecheckHours > 0) {
    // A revocation at an import's issuer sets it aside here within a round, nobody asking.
    const importRecheck = new ImportRecheck(
      store,
      verifier,
      imports,
      clock,
      config.importRecheckHours * HOUR_MS,
    );
    background.add({
      name: IMPORT_RECHECK_JOB,
      // Often enough to start the next round soon after its interval begins; each is claimed once.
      everyMs: Math.min(config.importRecheckHours * HOUR_MS, IMPORT_RECHECK_POLL_MS),
      run: async (stopping) => {
        const round = await importRecheck.run(stopping);
        if (round) logger.info({ job: IMPORT_RECHECK_JOB, ...round }, 'imports re-checked');
      },
    });
  }
  return {
    config,
    logger,
    secrets,
    clock,
    documentLoader,
    resolveDid,
    issuers,
    issuerImages: new IssuerImages(store, issuers, config.issuerImageMaxBytes, clock),
    catalog,
    frameworks,
    mappings,
    status,
    bulkStatus: new BulkStatusChange(store, status, batches),
    apiKeys: new ApiKeyService(store, issuers, clock),
    issuing,
    vcApiIssue: new VcApiIssue(issuers, issuing, clock),
    tierAwards,
    progress: new LearnerProgress(catalog, holdings),
    expirySweep,
    tierClaimRepair,
    catalogReevaluation,
    credentials: new CredentialService(issuing, status),
    credentialChecks: new CredentialChecks(
      store,
      (payload) => verifier.verify(payload),
      clock,
      config.jwtClockSkewSeconds,
    ),
    idempotency: new Idempotency(store, clock, config.claimRepairAfterSeconds, (error) =>
      logger.error({ err: error }, 'an idempotency claim could not be updated; a retry repairs it'),
    ),
    awards,
    imports,
    learnerKeys,
    transcripts,
    verifier,
    endorsements: new EndorsementService(store, issuers, catalog, issuing, status, verifier, clock),
    events,
    background,
    proofWorkers,
    batches,
    batchProgress,
    webhooks: new WebhookEndpoints(store, issuers, urlPolicy, secrets.keyEncryption, clock),
    learnerMail,
    mailTemplates: new MailTemplates(store, issuers, {
      clock,
      sampleCredentialUrl: issuing.credentialUrl(SAMPLE_UUID),
      sampleClaimUrl: offerLinks(config.publicUrl, 'example').claimPage,
      claimHours: config.walletOfferHours,
    }),
    walletOffers,
    automaticOffers,
    walletExchange: new WalletExchange(
      store,
      walletOffers,
      verifier,
      walletClaims,
      config.publicUrl,
      clock,
    ),
    oid4vci,
    staffInvitations: new StaffInvitations(
      store,
      issuers,
      clock,
      config.staffInvitationDays,
      new InvitationMail(store, secrets.keyEncryption, clock, () =>
        background.kick(LEARNER_MAIL_JOB),
      ),
      (token) => `${baseUrlOf(config.publicUrl)}/console/invitations/${token}`,
    ),
    consoleSessions: new ConsoleSessions(store, clock, config.staffSessionHours),
    consolePasskeys: new ConsolePasskeys(store, clock, {
      name: 'Issuer console',
      id: new URL(config.publicUrl).hostname,
      origin: new URL(config.publicUrl).origin,
    }),
    staffDirectory: new StaffDirectory(store, issuers, clock),
    singleAward: new SingleRowAward(rowCheck, awards, issuing),
    readiness: new ReadinessCheck(store, logger),
    issuerCredentials: new IssuerCredentials(store, status, batches, (uuid) =>
      issuing.credentialUrl(uuid),
    ),
    metrics,
    metricsAccess: new MetricsAccess(config.metricsToken, metrics),
    partnerMetrics: new PartnerMetrics(metricsReport, clock),
    partnerGroups: new PartnerGroups(store, issuers, metricsReport, clock),
    credentialUses,
  };
}
