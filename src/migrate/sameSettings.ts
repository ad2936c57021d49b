import { ConfigError } from '../core/problems.js';
import type { Store } from '../store/port.js';

async function settingsOf(store: Store): Promise<Map<string, string>> {
  const settings = new Map<string, string>();
  for await (const entry of store.exportRecords(['settings'])) {
    if (entry.collection === 'settings') settings.set(entry.record.name, entry.record.value);
  }
  return settings;
}

/**
 * Refuses a target that another instance has set up: its own key-encryption salt would leave the
 * copied keys sealed under a salt the target no longer uses. A target holding the source's own
 * settings is a move that stopped half-way, which this run completes.
 */
export async function assertSameSettings(source: Store, target: Store): Promise<void> {
  const ours = await settingsOf(source);
  for (const [name, value] of await settingsOf(target)) {
    if (ours.has(name) && ours.get(name) !== value) {
      throw new ConfigError(
        '--to',
        `the database holds another instance's setting "${name}": move into a new, empty database`,
      );
    }
  }
}
