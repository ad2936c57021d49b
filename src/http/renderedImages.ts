// Images drawn from one credential (QR codes, baked badges) depend on nothing but its signed
// document and its URL, and neither ever changes once issued: each is drawn once per process and
// kept, so a printed card's QR or a shared badge costs a lookup, not a render. No stored version
// is needed to trust a copy, since there is no later version to miss. Bounded by bytes, the
// least recently served leaving first.

export interface RenderedImage {
  body: string | Buffer;
  /** Strong: a digest of the bytes. */
  etag: string;
  headers: Record<string, string>;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export class RenderedImages {
  readonly #entries = new Map<string, RenderedImage>();
  #bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  async get(key: string, render: () => Promise<RenderedImage>): Promise<RenderedImage> {
    const kept = this.#entries.get(key);
    if (kept) {
      // Re-inserted: Map order is then the order images were last served in.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept;
    }
    const image = await render();
    this.#keep(key, image);
    return image;
  }

  #keep(key: string, image: RenderedImage): void {
    const size = Buffer.byteLength(image.body);
    if (size > this.maxBytes || this.#entries.has(key)) return;
    this.#entries.set(key, image);
    this.#bytes += size;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= Buffer.byteLength(entry.body);
    }
  }
}
