// Partner metrics in MongoDB: use counts (one inserted document per use, added up when read:
// FerretDB's $inc upserts are not atomic and lose racing increments), partner groups, and the
// reads over credentials and wallet claims.
import { randomUUID } from 'node:crypto';
import type {
  CredentialUseCount,
  MetricsCredential,
  PartnerGroupRecord,
  PartnerMetricsStore,
} from '../ports/partnerMetricsStore.js';
import type { WalletClaimRecord } from '../ports/walletStore.js';
import { insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { CredentialDoc, Models, PartnerGroupDoc } from './models.js';
import type { WalletClaimDoc } from './models.js';
import { toWalletClaim } from './wallets.js';

/** The id an imported day's total is stored under: the same record imported again is a duplicate. */
export const importedCountId = (use: CredentialUseCount): string =>
  `import:${use.credentialId}:${use.day}:${use.kind}`;

/** The counts of the matching documents added up per (credential, day, kind), in that order. */
export async function summedUseCounts(
  models: Models,
  match: Record<string, unknown>,
): Promise<CredentialUseCount[]> {
  // A credential's issuer never changes, so it can be part of the key (FerretDB has no $first).
  const groups = await retry(() =>
    models.credentialUseCounts.aggregate<{
      _id: Omit<CredentialUseCount, 'count'>;
      count: number;
    }>([
      { $match: match },
      {
        $group: {
          _id: {
            credentialId: '$credentialId',
            issuerSlug: '$issuerSlug',
            day: '$day',
            kind: '$kind',
          },
          count: { $sum: '$count' },
        },
      },
    ]),
  );
  return groups
    .map((group) => ({
      credentialId: group._id.credentialId,
      issuerSlug: group._id.issuerSlug,
      day: group._id.day,
      kind: group._id.kind,
      count: group.count,
    }))
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        a.credentialId.localeCompare(b.credentialId) ||
        a.kind.localeCompare(b.kind),
    );
}

export function toPartnerGroup(doc: PartnerGroupDoc): PartnerGroupRecord {
  return {
    id: doc.id,
    name: doc.name,
    issuerSlugs: [...doc.issuerSlugs],
    createdAt: doc.createdAt,
  } satisfies { [K in keyof Required<PartnerGroupRecord>]: PartnerGroupRecord[K] };
}

type MetricsFields = Pick<CredentialDoc, keyof MetricsCredential>;
const METRICS_PROJECTION = {
  id: 1,
  achievementKey: 1,
  learnerKey: 1,
  validUntil: 1,
  renewalOf: 1,
  cohort: 1,
  region: 1,
  createdAt: 1,
} satisfies { [K in keyof Required<MetricsCredential>]: 1 };

function toMetricsCredential(doc: MetricsFields): MetricsCredential {
  const { id, createdAt, ...optional } = doc;
  return {
    id,
    createdAt,
    ...Object.fromEntries(
      Object.entries(optional).filter(([key, value]) => key !== '_id' && value),
    ),
  };
}

export class MongoPartnerMetricsStore implements PartnerMetricsStore {
  constructor(private readonly models: Models) {}

  async countCredentialUse(use: CredentialUseCount): Promise<void> {
    // An insert, so racing counts never overwrite each other; never retried, as a lost reply
    // may have counted already (a statistic may be off by that one insert).
    await this.models.credentialUseCounts.create({ ...use, id: randomUUID() });
  }

  async listCredentialUseCounts(
    issuerSlug: string,
    fromDay: string,
    toDay: string,
  ): Promise<CredentialUseCount[]> {
    return summedUseCounts(this.models, { issuerSlug, day: { $gte: fromDay, $lte: toDay } });
  }

  async listMetricsCredentials(issuerSlug: string): Promise<MetricsCredential[]> {
    const docs = await retry(() =>
      this.models.credentials
        .find({ issuerSlug, origin: 'issued' }, METRICS_PROJECTION)
        .sort({ createdAt: 1, _id: 1 })
        .lean<MetricsFields[]>(),
    );
    return docs.map(toMetricsCredential);
  }

  async listWalletClaimsOfOriginals(originalIds: readonly string[]): Promise<WalletClaimRecord[]> {
    if (originalIds.length === 0) return [];
    const docs = await retry(() =>
      this.models.walletClaims
        .find({ originalId: { $in: [...originalIds] } })
        .sort({ claimedAt: 1, _id: 1 })
        .lean<WalletClaimDoc[]>(),
    );
    return docs.map(toWalletClaim);
  }

  async insertPartnerGroup(group: PartnerGroupRecord): Promise<void> {
    await insertOrDuplicate('partner_groups', () => this.models.partnerGroups.create(group));
  }

  async findPartnerGroup(id: string): Promise<PartnerGroupRecord | undefined> {
    const doc = await retry(() =>
      this.models.partnerGroups.findOne({ id }).lean<PartnerGroupDoc>(),
    );
    return doc ? toPartnerGroup(doc) : undefined;
  }

  async listPartnerGroups(): Promise<PartnerGroupRecord[]> {
    const docs = await retry(() =>
      this.models.partnerGroups.find().sort({ createdAt: 1, _id: 1 }).lean<PartnerGroupDoc[]>(),
    );
    return docs.map(toPartnerGroup);
  }
}
