// Console passkeys and their ceremonies' challenges in SQLite.
import type {
  PasskeyCeremony,
  PasskeyChallengeRecord,
  PasskeyRecord,
  PasskeyStore,
} from '../ports/passkeyStore.js';
import type { SqliteDatabase } from './database.js';
import { optional, type Row } from './rows.js';
import { insertIfAbsent, insertOrDuplicate } from './uniqueKeys.js';

function ceremonyOf(value: unknown): PasskeyCeremony {
  // The column's CHECK admits only these two; this narrows the type.
  if (value === 'registration' || value === 'authentication') return value;
  throw new Error(`stored passkey ceremony "${String(value)}" is not one`);
}

export function toPasskey(row: Row): PasskeyRecord {
  return {
    id: String(row.id),
    staffId: String(row.staff_id),
    issuerSlug: String(row.issuer_slug),
    name: String(row.name),
    publicKey: String(row.public_key),
    counter: Number(row.counter),
    transports: JSON.parse(String(row.transports)) as string[],
    createdAt: String(row.created_at),
    lastUsedAt: optional(row.last_used_at),
  };
}

function toChallenge(row: Row): PasskeyChallengeRecord {
  return {
    challenge: String(row.challenge),
    ceremony: ceremonyOf(row.ceremony),
    staffId: optional(row.staff_id),
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
  };
}

export function insertPasskeyRow(db: SqliteDatabase, record: PasskeyRecord): void {
  db.run(
    `INSERT INTO staff_passkeys
       (id, staff_id, issuer_slug, name, public_key, counter, transports, created_at, last_used_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    record.id,
    record.staffId,
    record.issuerSlug,
    record.name,
    record.publicKey,
    record.counter,
    JSON.stringify(record.transports),
    record.createdAt,
    record.lastUsedAt ?? null,
  );
}

export class SqlitePasskeyStore implements PasskeyStore {
  constructor(private readonly db: SqliteDatabase) {}

  async insertPasskey(passkey: PasskeyRecord): Promise<void> {
    insertOrDuplicate('staff_passkeys', () => insertPasskeyRow(this.db, passkey));
  }

  async findPasskey(id: string): Promise<PasskeyRecord | undefined> {
    const row = this.db.get('SELECT * FROM staff_passkeys WHERE id = ?', id);
    return row ? toPasskey(row) : undefined;
  }

  async listPasskeysOfStaff(staffId: string): Promise<PasskeyRecord[]> {
    return this.db
      .all('SELECT * FROM staff_passkeys WHERE staff_id = ? ORDER BY created_at, rowid', staffId)
      .map(toPasskey);
  }

  async recordPasskeyUse(id: string, counter: number, usedAt: string): Promise<void> {
    this.db.run(
      'UPDATE staff_passkeys SET counter = ?, last_used_at = ? WHERE id = ?',
      counter,
      usedAt,
      id,
    );
  }

  async removePasskey(staffId: string, id: string): Promise<boolean> {
    const found = this.db.get(
      'SELECT id FROM staff_passkeys WHERE id = ? AND staff_id = ?',
      id,
      staffId,
    );
    if (!found) return false;
    this.db.run('DELETE FROM staff_passkeys WHERE id = ?', id);
    return true;
  }

  async insertPasskeyChallenge(challenge: PasskeyChallengeRecord): Promise<void> {
    insertOrDuplicate('passkey_challenges', () =>
      this.db.run(
        `INSERT INTO passkey_challenges (challenge, ceremony, staff_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
        challenge.challenge,
        challenge.ceremony,
        challenge.staffId ?? null,
        challenge.createdAt,
        challenge.expiresAt,
      ),
    );
  }

  async claimPasskeyChallenge(
    challenge: string,
    usedAt: string,
  ): Promise<PasskeyChallengeRecord | undefined> {
    const row = this.db.get('SELECT * FROM passkey_challenges WHERE challenge = ?', challenge);
    if (!row) return undefined;
    const claimed = insertIfAbsent(() =>
      this.db.run(
        'INSERT INTO passkey_challenge_uses (challenge, used_at) VALUES (?, ?)',
        challenge,
        usedAt,
      ),
    );
    return claimed ? toChallenge(row) : undefined;
  }

  async removePasskeyChallengesExpiredBefore(before: string): Promise<void> {
    this.db.transaction(() => {
      this.db.run(
        `DELETE FROM passkey_challenge_uses WHERE challenge IN
           (SELECT challenge FROM passkey_challenges WHERE expires_at < ?)`,
        before,
      );
      this.db.run('DELETE FROM passkey_challenges WHERE expires_at < ?', before);
    });
  }
}
