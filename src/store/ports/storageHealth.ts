// Whether the store can take writes: what a readiness probe asks.

export interface StorageHealth {
  /** True from a write that failed for lack of space until a probe write succeeds again. */
  writesFailing(): boolean;
  /**
   * Writes a probe record of about `bytes` and removes it: a full disk makes it throw
   * StorageFullError, an unreachable database its own error.
   */
  probeWrite(bytes: number): Promise<void>;
}

/** What each adapter provides for the probe: a write that keeps nothing. */
export interface WriteProbe {
  /** Stores a throwaway record of about `bytes` and deletes it again. */
  writeProbe(bytes: number): Promise<void>;
}
