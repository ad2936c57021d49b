/**
 * On whose behalf a use case runs: an issuer (its own tiers, learners it has issued to) or the
 * admin (everything). A plain value, so use cases never see HTTP types.
 */
export type ActingAs = { actingFor: string } | { admin: true };
