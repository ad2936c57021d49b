// Wallet claim offers, their challenges and their one claim each, in MongoDB.
import type {
  IssuerWalletSettingRecord,
  WalletChallengeRecord,
  WalletClaimRecord,
  WalletGrantRecord,
  WalletOfferCounts,
  WalletOfferRecord,
  WalletStore,
} from '../ports/walletStore.js';
import { insertOrDuplicate, retryTransient as retry, upsertByKey } from './errors.js';
import type {
  IssuerWalletSettingDoc,
  Models,
  WalletChallengeDoc,
  WalletClaimDoc,
  WalletGrantDoc,
  WalletOfferDoc,
} from './models.js';

export function toWalletOffer(doc: WalletOfferDoc): WalletOfferRecord {
  return {
    id: doc.id,
    tokenHash: doc.tokenHash,
    issuerSlug: doc.issuerSlug,
    credentialId: doc.credentialId,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
  } satisfies { [K in keyof Required<WalletOfferRecord>]: WalletOfferRecord[K] };
}

export function toWalletChallenge(doc: WalletChallengeDoc): WalletChallengeRecord {
  return {
    challenge: doc.challenge,
    offerId: doc.offerId,
    createdAt: doc.createdAt,
  } satisfies { [K in keyof Required<WalletChallengeRecord>]: WalletChallengeRecord[K] };
}

export function toWalletClaim(doc: WalletClaimDoc): WalletClaimRecord {
  return {
    offerId: doc.offerId,
    originalId: doc.originalId,
    copyId: doc.copyId,
    holderDid: doc.holderDid,
    claimedAt: doc.claimedAt,
  } satisfies { [K in keyof Required<WalletClaimRecord>]: WalletClaimRecord[K] };
}

export function toWalletGrant(doc: WalletGrantDoc): WalletGrantRecord {
  return {
    key: doc.key,
    ...(doc.offerId === undefined || doc.offerId === null ? {} : { offerId: doc.offerId }),
    ...(doc.secretHash === undefined || doc.secretHash === null
      ? {}
      : { secretHash: doc.secretHash }),
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
  } satisfies { [K in keyof WalletGrantRecord]: WalletGrantRecord[K] };
}

export function toIssuerWalletSetting(doc: IssuerWalletSettingDoc): IssuerWalletSettingRecord {
  return {
    issuerSlug: doc.issuerSlug,
    walletClaim: doc.walletClaim,
    updatedAt: doc.updatedAt,
  } satisfies { [K in keyof Required<IssuerWalletSettingRecord>]: IssuerWalletSettingRecord[K] };
}

export class MongoWalletStore implements WalletStore {
  constructor(private readonly models: Models) {}

  async insertWalletOffer(offer: WalletOfferRecord): Promise<void> {
    await insertOrDuplicate('wallet_offers', () => this.models.walletOffers.create(offer));
  }

  async findWalletOfferByTokenHash(tokenHash: string): Promise<WalletOfferRecord | undefined> {
    const doc = await retry(() =>
      this.models.walletOffers.findOne({ tokenHash }).lean<WalletOfferDoc>(),
    );
    return doc ? toWalletOffer(doc) : undefined;
  }

  async findWalletOffer(id: string): Promise<WalletOfferRecord | undefined> {
    const doc = await retry(() => this.models.walletOffers.findOne({ id }).lean<WalletOfferDoc>());
    return doc ? toWalletOffer(doc) : undefined;
  }

  async listWalletOffersOfCredential(credentialId: string): Promise<WalletOfferRecord[]> {
    // _id breaks ties between offers made in one instant, in the order they were written.
    const docs = await retry(() =>
      this.models.walletOffers
        .find({ credentialId })
        .sort({ createdAt: 1, _id: 1 })
        .lean<WalletOfferDoc[]>(),
    );
    return docs.map(toWalletOffer);
  }

  async countWalletOffersByState(now: string): Promise<WalletOfferCounts> {
    // No join: every claim is of one offer, so the unclaimed expired are all offers less the
    // claimed and the open unclaimed. Open offers are those of the last WALLET_OFFER_HOURS only.
    const [total, claimed, open] = await Promise.all([
      retry(() => this.models.walletOffers.countDocuments({})),
      retry(() => this.models.walletClaims.countDocuments({})),
      retry(() =>
        this.models.walletOffers
          .find({ expiresAt: { $gt: now } }, { id: 1 })
          .lean<{ id: string }[]>(),
      ),
    ]);
    const openIds = open.map((offer) => offer.id);
    const openClaimed =
      openIds.length === 0
        ? 0
        : await retry(() => this.models.walletClaims.countDocuments({ offerId: { $in: openIds } }));
    const offered = openIds.length - openClaimed;
    return { offered, claimed, expired: total - claimed - offered };
  }

  async insertWalletChallenge(challenge: WalletChallengeRecord): Promise<void> {
    await insertOrDuplicate('wallet_challenges', () =>
      this.models.walletChallenges.create(challenge),
    );
  }

  async findWalletChallenge(challenge: string): Promise<WalletChallengeRecord | undefined> {
    const doc = await retry(() =>
      this.models.walletChallenges.findOne({ challenge }).lean<WalletChallengeDoc>(),
    );
    return doc ? toWalletChallenge(doc) : undefined;
  }

  async insertWalletClaim(claim: WalletClaimRecord): Promise<void> {
    await insertOrDuplicate('wallet_claims', () => this.models.walletClaims.create(claim));
  }

  async deleteWalletClaim(offerId: string, copyId: string): Promise<void> {
    await retry(() => this.models.walletClaims.deleteOne({ offerId, copyId }));
  }

  async findWalletClaim(offerId: string): Promise<WalletClaimRecord | undefined> {
    const doc = await retry(() =>
      this.models.walletClaims.findOne({ offerId }).lean<WalletClaimDoc>(),
    );
    return doc ? toWalletClaim(doc) : undefined;
  }

  async listWalletClaimsOfOriginal(originalId: string): Promise<WalletClaimRecord[]> {
    const docs = await retry(() =>
      this.models.walletClaims
        .find({ originalId })
        .sort({ claimedAt: 1, _id: 1 })
        .lean<WalletClaimDoc[]>(),
    );
    return docs.map(toWalletClaim);
  }

  async insertWalletGrant(grant: WalletGrantRecord): Promise<void> {
    await insertOrDuplicate('wallet_grants', () => this.models.walletGrants.create(grant));
  }

  async findWalletGrant(key: string): Promise<WalletGrantRecord | undefined> {
    const doc = await retry(() => this.models.walletGrants.findOne({ key }).lean<WalletGrantDoc>());
    return doc ? toWalletGrant(doc) : undefined;
  }

  async putIssuerWalletSetting(setting: IssuerWalletSettingRecord): Promise<void> {
    await upsertByKey(() =>
      this.models.issuerWalletSettings.updateOne(
        { issuerSlug: setting.issuerSlug },
        { $set: { walletClaim: setting.walletClaim, updatedAt: setting.updatedAt } },
        { upsert: true },
      ),
    );
  }

  async findIssuerWalletSetting(
    issuerSlug: string,
  ): Promise<IssuerWalletSettingRecord | undefined> {
    const doc = await retry(() =>
      this.models.issuerWalletSettings.findOne({ issuerSlug }).lean<IssuerWalletSettingDoc>(),
    );
    return doc ? toIssuerWalletSetting(doc) : undefined;
  }
}
