// Append only once released: a change to a released schema is a new entry.
export const migrations: readonly string[] = [
  `
  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE issuers (
    slug TEXT PRIMARY KEY,
    did TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    url TEXT,
    email TEXT,
    description TEXT,
    image TEXT,
    api_key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE issuer_keys (
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    public_key_multibase TEXT NOT NULL UNIQUE,
    sealed_secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX issuer_keys_by_issuer ON issuer_keys (issuer_slug, created_at);
  CREATE TABLE achievements (
    key TEXT PRIMARY KEY,
    issuer_slug TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('module', 'tier')),
    definition TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL CHECK (origin IN ('issued', 'imported')),
    issuer_did TEXT NOT NULL,
    issuer_slug TEXT REFERENCES issuers(slug),
    format TEXT NOT NULL CHECK (format IN ('di', 'jwt')),
    document TEXT NOT NULL,
    achievement_key TEXT,
    learner_key TEXT,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    status_list INTEGER,
    status_index INTEGER,
    renewal_of TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX credentials_by_learner ON credentials (learner_key, achievement_key);
  CREATE INDEX credentials_by_expiry ON credentials (valid_until);
  CREATE TABLE credential_constituents (
    tier_id TEXT NOT NULL REFERENCES credentials(id),
    constituent_id TEXT NOT NULL,
    PRIMARY KEY (tier_id, constituent_id)
  );
  CREATE INDEX constituents_by_constituent ON credential_constituents (constituent_id);
  CREATE TABLE expiry_processing (
    credential_id TEXT PRIMARY KEY
  );
  CREATE TABLE status_lists (
    issuer_slug TEXT NOT NULL,
    list_number INTEGER NOT NULL,
    PRIMARY KEY (issuer_slug, list_number)
  );
  CREATE TABLE status_allocations (
    issuer_slug TEXT NOT NULL,
    list_number INTEGER NOT NULL,
    status_index INTEGER NOT NULL,
    credential_id TEXT NOT NULL,
    PRIMARY KEY (issuer_slug, list_number, status_index)
  );
  CREATE TABLE status_events (
    credential_id TEXT NOT NULL,
    issuer_slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (credential_id, version)
  );
  CREATE INDEX status_events_by_issuer ON status_events (issuer_slug, at);
  CREATE TABLE tier_claims (
    learner_key TEXT NOT NULL,
    achievement_key TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    credential_id TEXT NOT NULL,
    PRIMARY KEY (learner_key, achievement_key, epoch)
  );
  CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  );
  `,
  `
  ALTER TABLE credentials ADD COLUMN imported_for TEXT;
  `,
  // Issuers made before status purposes were configurable issued both entries, and keep doing so.
  `
  ALTER TABLE issuers ADD COLUMN status_purposes TEXT NOT NULL DEFAULT 'revocation,suspension';
  `,
  // An issuer's uploaded profile image, replaced whole by each upload (always PNG: SVGs are drawn).
  `
  CREATE TABLE issuer_images (
    issuer_slug TEXT PRIMARY KEY REFERENCES issuers(slug),
    media_type TEXT NOT NULL CHECK (media_type IN ('image/png')),
    bytes BLOB NOT NULL,
    digest TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // Which EndorsementCredential (a credential row) is about which achievement or issuer.
  `
  CREATE TABLE endorsements (
    credential_id TEXT PRIMARY KEY REFERENCES credentials(id),
    endorser_slug TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('achievement', 'issuer')),
    subject_key TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX endorsements_by_subject ON endorsements (subject_kind, subject_key, created_at);
  `,
  // Registrars are issuer records with their own key and DID that never award (NULL: an issuer).
  `
  ALTER TABLE issuers ADD COLUMN role TEXT CHECK (role IN ('registrar'));
  `,
  // Issuers' named API keys, each with its scopes; the key itself is never stored.
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    expires_at TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    UNIQUE (issuer_slug, name)
  );
  `,
  // Registrars' framework mappings, their append-only history, and the one approved mapping per
  // achievement and framework (its primary key is the invariant, claimed by insert).
  `
  CREATE TABLE mappings (
    id TEXT PRIMARY KEY,
    achievement_key TEXT NOT NULL,
    issuer_slug TEXT NOT NULL,
    framework_key TEXT NOT NULL,
    level_id TEXT NOT NULL,
    registrar_slug TEXT NOT NULL,
    rationale TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX mappings_by_framework ON mappings (framework_key, achievement_key);
  CREATE TABLE mapping_events (
    mapping_id TEXT NOT NULL REFERENCES mappings(id),
    version INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('propose', 'approve', 'reject', 'withdraw')),
    state TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'rejected', 'withdrawn')),
    actor TEXT NOT NULL,
    comment TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (mapping_id, version)
  );
  CREATE TABLE approved_mappings (
    achievement_key TEXT NOT NULL,
    framework_key TEXT NOT NULL,
    mapping_id TEXT NOT NULL REFERENCES mappings(id),
    level_id TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    PRIMARY KEY (achievement_key, framework_key)
  );
  CREATE INDEX credentials_by_achievement ON credentials (achievement_key);
  `,
  `
  CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    issuer_slug TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('di', 'jwt')),
    rows TEXT NOT NULL,
    achievement TEXT,
    total INTEGER NOT NULL,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX batches_by_issuer ON batches (issuer_slug, created_at);
  CREATE TABLE batch_rows (
    batch_id TEXT NOT NULL REFERENCES batches(id),
    row INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'issued', 'failed')),
    credential_id TEXT,
    errors TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (batch_id, row)
  );
  CREATE TABLE batch_leases (
    batch_id TEXT NOT NULL REFERENCES batches(id),
    generation INTEGER NOT NULL,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (batch_id, generation)
  );
  CREATE TABLE batch_completions (
    batch_id TEXT PRIMARY KEY REFERENCES batches(id),
    completed_at TEXT NOT NULL
  );
  `,
  // Issuers' webhook endpoints and the delivery outbox: one delivery per (endpoint, event) and
  // one attempt per (delivery, attempt number), each claimed by insert.
  `
  CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT,
    sealed_secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
  );
  CREATE INDEX webhook_endpoints_by_issuer ON webhook_endpoints (issuer_slug, created_at);
  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id),
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    settled TEXT CHECK (settled IN ('delivered', 'failed')),
    settled_at TEXT,
    UNIQUE (endpoint_id, event_id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (settled, next_attempt_at);
  CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);
  CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
    attempt INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    http_status INTEGER,
    error TEXT,
    PRIMARY KEY (delivery_id, attempt)
  );
  `,
  // Learner e-mail: one message per unique id (claimed by insert), one row per send attempt
  // (claimed by insert, so two instances never make the same attempt), each issuer's choice.
  `
  CREATE TABLE mail_messages (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('credential-issued', 'expiry-reminder')),
    issuer_slug TEXT NOT NULL,
    credential_id TEXT NOT NULL,
    language TEXT NOT NULL,
    sealed_recipient TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    skip_reason TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX mail_messages_due ON mail_messages (state, next_attempt_at);
  CREATE INDEX mail_messages_by_credential ON mail_messages (credential_id);
  CREATE INDEX mail_messages_by_issuer ON mail_messages (issuer_slug, created_at);
  CREATE TABLE mail_attempts (
    message_id TEXT NOT NULL REFERENCES mail_messages(id),
    attempt_no INTEGER NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (message_id, attempt_no)
  );
  CREATE TABLE issuer_mail_settings (
    issuer_slug TEXT PRIMARY KEY REFERENCES issuers(slug),
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    updated_at TEXT NOT NULL
  );
  `,
  // Wallet claim offers (the token stored hashed), the challenges handed to wallets, and each
  // offer's one claim: its primary key is the single use, claimed by insert.
  `
  CREATE TABLE wallet_offers (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    credential_id TEXT NOT NULL REFERENCES credentials(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX wallet_offers_by_credential ON wallet_offers (credential_id, created_at);
  CREATE TABLE wallet_challenges (
    challenge TEXT PRIMARY KEY,
    offer_id TEXT NOT NULL REFERENCES wallet_offers(id),
    created_at TEXT NOT NULL
  );
  CREATE TABLE wallet_claims (
    offer_id TEXT PRIMARY KEY REFERENCES wallet_offers(id),
    original_id TEXT NOT NULL REFERENCES credentials(id),
    copy_id TEXT NOT NULL UNIQUE,
    holder_did TEXT NOT NULL,
    claimed_at TEXT NOT NULL
  );
  CREATE INDEX wallet_claims_by_original ON wallet_claims (original_id, claimed_at);
  `,
  // Console staff: invitations (token hashed), accounts unique per (issuer, e-mail) and per
  // invitation, so making the account uses the invitation up; sessions by the hash of their id.
  `
  CREATE TABLE staff_invitations (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'issuer', 'viewer')),
    invited_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'issuer', 'viewer')),
    password_hash TEXT NOT NULL,
    invitation_id TEXT NOT NULL UNIQUE REFERENCES staff_invitations(id),
    created_at TEXT NOT NULL,
    UNIQUE (issuer_slug, email)
  );
  CREATE INDEX staff_by_email ON staff (email, created_at);
  CREATE TABLE staff_sessions (
    id_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    issuer_slug TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT
  );
  CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
  CREATE INDEX credentials_by_issuer ON credentials (issuer_slug, created_at);
  `,
  // The vc+jwt copy of a Data Integrity credential, for the credential QR.
  `ALTER TABLE credentials ADD COLUMN vc_jwt TEXT;`,
  // When a tier copy was claimed, so a claim whose credential never came can be told from one in flight.
  `
  ALTER TABLE tier_claims ADD COLUMN claimed_at TEXT;
  CREATE INDEX tier_claims_by_time ON tier_claims (claimed_at);
  `,
  // What an idempotent request makes, so a claim its crashed request left can be completed.
  `ALTER TABLE idempotency_keys ADD COLUMN work_id TEXT;`,
  // Status lists kept as snapshots of their bits: each change carries its credential's position
  // and a sequence unique per list, claimed by the change's own insert. Old changes are numbered
  // here, all first versions before all second ones and so on: only each credential's own order
  // decides its bit. A list has no snapshot until its first read builds one from its changes.
  `
  ALTER TABLE status_events ADD COLUMN list_number INTEGER;
  ALTER TABLE status_events ADD COLUMN list_index INTEGER;
  ALTER TABLE status_events ADD COLUMN list_sequence INTEGER;
  UPDATE status_events
     SET list_number = (SELECT c.status_list FROM credentials c WHERE c.id = status_events.credential_id),
         list_index = (SELECT c.status_index FROM credentials c WHERE c.id = status_events.credential_id);
  UPDATE status_events
     SET list_sequence = numbered.sequence
    FROM (SELECT credential_id, version, ROW_NUMBER() OVER (
            PARTITION BY issuer_slug, list_number ORDER BY version, at, credential_id) AS sequence
            FROM status_events WHERE list_number IS NOT NULL) AS numbered
   WHERE numbered.credential_id = status_events.credential_id
     AND numbered.version = status_events.version;
  CREATE UNIQUE INDEX status_events_by_list ON status_events (issuer_slug, list_number, list_sequence);
  CREATE TABLE status_list_snapshots (
    issuer_slug TEXT NOT NULL,
    list_number INTEGER NOT NULL,
    version INTEGER NOT NULL,
    revoked BLOB NOT NULL,
    suspended BLOB NOT NULL,
    PRIMARY KEY (issuer_slug, list_number, version)
  );
  `,
  // Awards whose tiers are still to be evaluated (see PendingStackingRecord).
  `
  CREATE TABLE pending_stacking (
    credential_id TEXT PRIMARY KEY,
    learner_key TEXT NOT NULL,
    achievement_key TEXT NOT NULL,
    claimed_at TEXT NOT NULL
  );
  CREATE INDEX pending_stacking_by_time ON pending_stacking (claimed_at);
  `,
  // Imported credentials set aside (see ImportDisregardRecord).
  `
  CREATE TABLE import_disregards (
    credential_id TEXT PRIMARY KEY REFERENCES credentials (id),
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
  );
  `,
  // OpenID4VCI: pre-authorized codes, access tokens (their hashes), c_nonces, an offer's tx_code
  // hash, and the marks that use them up, each under a key claimed by insert.
  `
  CREATE TABLE wallet_grants (
    key TEXT PRIMARY KEY,
    offer_id TEXT REFERENCES wallet_offers(id),
    secret_hash TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  // Each issuer's choice to offer what it awards for claiming into a wallet (walletClaim).
  `
  CREATE TABLE issuer_wallet_settings (
    issuer_slug TEXT PRIMARY KEY REFERENCES issuers(slug),
    wallet_claim INTEGER NOT NULL CHECK (wallet_claim IN (0, 1)),
    updated_at TEXT NOT NULL
  );
  `,
  // Status index claims dated, so the claim repair can free those whose credential never came;
  // and a credential's position unique, so two credentials never share one even when it frees a
  // claim under a writer that was only slow (imported credentials have none: NULLs are distinct).
  `
  ALTER TABLE status_allocations ADD COLUMN claimed_at TEXT;
  CREATE INDEX status_allocations_by_time ON status_allocations (claimed_at);
  CREATE UNIQUE INDEX credentials_by_status ON credentials (issuer_slug, status_list, status_index);
  `,
  // Staff invitations go out through the learner-mail outbox: a third kind, and the sealed
  // details a message about no credential carries. SQLite cannot change a CHECK in place, so the
  // table is made again (its attempts with it, as they reference it) and the rows copied.
  `
  CREATE TABLE mail_messages_v2 (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('credential-issued', 'expiry-reminder', 'staff-invitation')),
    issuer_slug TEXT NOT NULL,
    credential_id TEXT NOT NULL,
    language TEXT NOT NULL,
    sealed_recipient TEXT NOT NULL,
    sealed_details TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    skip_reason TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
  );
  INSERT INTO mail_messages_v2
    (id, kind, issuer_slug, credential_id, language, sealed_recipient, state, attempts,
     next_attempt_at, last_error, skip_reason, created_at, finished_at)
    SELECT id, kind, issuer_slug, credential_id, language, sealed_recipient, state, attempts,
           next_attempt_at, last_error, skip_reason, created_at, finished_at
      FROM mail_messages ORDER BY rowid;
  CREATE TABLE mail_attempts_v2 (
    message_id TEXT NOT NULL REFERENCES mail_messages_v2(id),
    attempt_no INTEGER NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (message_id, attempt_no)
  );
  INSERT INTO mail_attempts_v2 SELECT message_id, attempt_no, claimed_at FROM mail_attempts;
  DROP TABLE mail_attempts;
  DROP TABLE mail_messages;
  ALTER TABLE mail_messages_v2 RENAME TO mail_messages;
  ALTER TABLE mail_attempts_v2 RENAME TO mail_attempts;
  CREATE INDEX mail_messages_due ON mail_messages (state, next_attempt_at);
  CREATE INDEX mail_messages_by_credential ON mail_messages (credential_id);
  CREATE INDEX mail_messages_by_issuer ON mail_messages (issuer_slug, created_at);
  `,
  // A scoped key's last four characters, shown in the console's list (never the key).
  `ALTER TABLE api_keys ADD COLUMN last_four TEXT;`,
  // Tier rules re-evaluated over every learner (see TierReevaluationRecord), and the index that
  // finds the learners holding an achievement in learner-key order.
  `
  CREATE TABLE tier_reevaluations (
    id TEXT PRIMARY KEY,
    tier_key TEXT NOT NULL,
    part_keys TEXT NOT NULL,
    opened_at TEXT NOT NULL
  );
  CREATE TABLE tier_reevaluation_claims (
    reevaluation_id TEXT NOT NULL REFERENCES tier_reevaluations (id),
    part INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (reevaluation_id, part, attempt)
  );
  CREATE TABLE tier_reevaluation_parts (
    reevaluation_id TEXT NOT NULL REFERENCES tier_reevaluations (id),
    part INTEGER NOT NULL,
    learners INTEGER NOT NULL,
    awarded INTEGER NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (reevaluation_id, part)
  );
  CREATE TABLE tier_reevaluation_completions (
    reevaluation_id TEXT PRIMARY KEY REFERENCES tier_reevaluations (id),
    completed_at TEXT NOT NULL
  );
  CREATE INDEX credentials_by_achievement_learner ON credentials (achievement_key, learner_key);
  `,
  // Partner metrics: an award's optional cohort and region tags (kept beside the credential,
  // not signed into it); per-credential per-day use counters, upserted by one statement each;
  // partner groups of issuers.
  `
  ALTER TABLE credentials ADD COLUMN cohort TEXT;
  ALTER TABLE credentials ADD COLUMN region TEXT;
  CREATE TABLE credential_use_counts (
    credential_id TEXT NOT NULL,
    issuer_slug TEXT NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (credential_id, day, kind)
  );
  CREATE INDEX credential_use_counts_by_issuer ON credential_use_counts (issuer_slug, day);
  CREATE TABLE partner_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    issuer_slugs TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // The scheduled re-check of imports pages through imported credentials by id.
  `
  CREATE INDEX credentials_imported_by_id ON credentials (id) WHERE origin = 'imported';
  `,
  // A renewal's reason, kept with it.
  `
  ALTER TABLE credentials ADD COLUMN renewal_reason TEXT;
  `,
  // Console passkeys: each WebAuthn credential id once, across all accounts; each ceremony's
  // challenge used once, claimed by inserting its use.
  `
  CREATE TABLE staff_passkeys (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (id),
    issuer_slug TEXT NOT NULL,
    name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    counter INTEGER NOT NULL,
    transports TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT
  );
  CREATE INDEX staff_passkeys_by_staff ON staff_passkeys (staff_id, created_at);
  CREATE TABLE passkey_challenges (
    challenge TEXT PRIMARY KEY,
    ceremony TEXT NOT NULL CHECK (ceremony IN ('registration', 'authentication')),
    staff_id TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (expires_at);
  CREATE TABLE passkey_challenge_uses (
    challenge TEXT PRIMARY KEY REFERENCES passkey_challenges (challenge),
    used_at TEXT NOT NULL
  );
  `,
  // Issuers' own learner e-mail texts, one per kind and language (none: the service's default).
  `
  CREATE TABLE issuer_mail_templates (
    issuer_slug TEXT NOT NULL REFERENCES issuers(slug),
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (issuer_slug, kind, language)
  );
  `,
];
