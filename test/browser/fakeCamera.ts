import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

// A camera for Chromium's fake capture device (--use-file-for-fake-video-capture): a picture
// written as YUV4MPEG2, a text header and raw 4:2:0 frames, which Chromium plays in a loop.

/** A phone camera's picture, as the page asks for (16:9, 720 lines). */
const WIDTH = 1280;
const HEIGHT = 720;
/** White space kept around the picture, in pixels, as a card held in front of a camera has. */
const MARGIN = 48;

/** Luma (BT.601) of the pixel, transparent parts read as the white paper behind them. */
function lumaAt(png: PNG, x: number, y: number): number {
  const i = (y * png.width + x) * 4;
  const [r = 0, g = 0, b = 0, a = 255] = png.data.subarray(i, i + 4);
  const alpha = a / 255;
  return Math.round((0.299 * r + 0.587 * g + 0.114 * b) * alpha + 255 * (1 - alpha));
}

/** Luma of the n x n block of source pixels that one picture pixel shows, averaged. */
function blockLuma(png: PNG, x: number, y: number, n: number): number {
  let sum = 0;
  let count = 0;
  for (let sy = y * n; sy < Math.min(png.height, (y + 1) * n); sy += 1)
    for (let sx = x * n; sx < Math.min(png.width, (x + 1) * n); sx += 1) {
      sum += lumaAt(png, sx, sy);
      count += 1;
    }
  return Math.round(sum / count);
}

/**
 * The PNG on white, centred and shrunk by a whole factor to fit a 1280x720 picture, as `frames`
 * identical grey frames (both chroma planes 128: no colour). A whole factor keeps every QR module
 * the same number of pixels wide, as a card held a little further away shows it; a fractional
 * nearest-pixel shrink drops whole rows of a dense QR's modules, which no camera does.
 */
export function y4mFromPng(pngBytes: Buffer, frames = 5): Buffer {
  const png = PNG.sync.read(pngBytes);
  const shrink = Math.max(
    1,
    Math.ceil(png.width / (WIDTH - 2 * MARGIN)),
    Math.ceil(png.height / (HEIGHT - 2 * MARGIN)),
  );
  const width = Math.ceil(png.width / shrink);
  const height = Math.ceil(png.height / shrink);
  const left = Math.floor((WIDTH - width) / 2);
  const top = Math.floor((HEIGHT - height) / 2);
  const luma = new Uint8Array(WIDTH * HEIGHT).fill(255);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1)
      luma[(top + y) * WIDTH + left + x] = blockLuma(png, x, y, shrink);
  // 4:2:0: each chroma plane is half as wide and half as high.
  const chroma = new Uint8Array((WIDTH / 2) * (HEIGHT / 2) * 2).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

/** Chromium's flags for a camera that shows `file`, and no permission prompt. */
export function fakeCameraArgs(file: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ];
}

export function writeY4m(file: string, pngBytes: Buffer): void {
  writeFileSync(file, y4mFromPng(pngBytes));
}
