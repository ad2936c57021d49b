// The scheduled re-check of imported credentials: each round verifies every import not yet set
// aside, reading its status list at its issuer (through the URL policy, as any verification), and
// sets aside those their issuer revoked, so the tiers built on them follow without anyone asking.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import { statusCheckId } from '../verifying/checkIds.js';
import type { CheckResult } from '../verifying/report.js';
import type { Verifier } from '../verifying/verifier.js';
import type { CredentialRecord, CredentialStore } from '../store/ports/credentialStore.js';
import type { SettingStore } from '../store/ports/settingStore.js';
import type { ImportService } from './importService.js';

/** Imports read per page: a round holds one page in memory, however many there are. */
const PAGE = 100;
/** Who the audit log names for a set-aside the re-check made. */
export const RECHECK_ACTOR = 'status-recheck';

export interface RecheckRound {
  checked: number;
  setAside: number;
  /** Imports whose status could not be read this round (their issuer down): tried next round. */
  unchecked: number;
}

const REVOKED = statusCheckId('revocation');

/** The revocation check's failure when the list says revoked (not when it is unreadable). */
function revokedAtSource(checks: readonly CheckResult[]): string | undefined {
  const check = checks.find((one) => one.id === REVOKED);
  if (check?.outcome !== 'failure' || !check.problem.type.endsWith('/credential-revoked')) {
    return undefined;
  }
  return check.problem.detail ?? check.problem.title;
}

const documentOf = (record: CredentialRecord): JsonObject | string =>
  record.format === 'jwt' ? record.document : (JSON.parse(record.document) as JsonObject);

export class ImportRecheck {
  constructor(
    private readonly store: Pick<
      CredentialStore,
      'listImportedCredentials' | 'findImportDisregards'
    > &
      Pick<SettingStore, 'claimSetting'>,
    private readonly verifier: Pick<Verifier, 'verify'>,
    private readonly imports: Pick<ImportService, 'setAside'>,
    private readonly clock: Clock,
    private readonly everyMs: number,
  ) {}

  /**
   * One round per interval across every instance sharing the store: the round is claimed by
   * inserting its number (first wins), so a restart or a second instance does not fetch every
   * issuer's lists again. Undefined when another claimed this round.
   */
  async run(stopping: AbortSignal): Promise<RecheckRound | undefined> {
    const round = Math.floor(this.clock().getTime() / this.everyMs);
    const token = randomUUID();
    if ((await this.store.claimSetting(`importRecheck.round.${round}`, token)) !== token) {
      return undefined;
    }
    const done: RecheckRound = { checked: 0, setAside: 0, unchecked: 0 };
    let after: string | undefined;
    while (!stopping.aborted) {
      const page = await this.store.listImportedCredentials(after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]?.id;
      const disregarded = new Set(
        (await this.store.findImportDisregards(page.map((record) => record.id))).map(
          (disregard) => disregard.credentialId,
        ),
      );
      for (const record of page) {
        if (stopping.aborted) break;
        if (disregarded.has(record.id)) continue;
        await this.#check(record, done);
      }
    }
    return done;
  }

  async #check(record: CredentialRecord, done: RecheckRound): Promise<void> {
    const report = await this.verifier.verify(documentOf(record));
    done.checked += 1;
    const revoked = revokedAtSource(report.checks);
    if (revoked !== undefined) {
      const reason = `its issuer revoked it (the scheduled re-check of its status found: ${revoked})`;
      if (await this.imports.setAside(record, reason, RECHECK_ACTOR)) done.setAside += 1;
      return;
    }
    const status = report.checks.find((one) => one.id === REVOKED);
    if (status?.outcome === 'skipped' && status.unavailable) done.unchecked += 1;
  }
}
