/**
 * Sets `key` as the newest entry of `map`, first dropping the oldest when the map holds `max`:
 * Maps iterate in insertion order, so the first key is the one set longest ago.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
