import jsQRModule from 'jsqr';

// The camera as a QR scanner: frames from getUserMedia drawn on a canvas and read by jsQR,
// all on this device, until a code is found or the visitor stops it.

// jsqr is CommonJS whose types declare an ES default export; under Node's (and esbuild's, in
// a "type": "module" package) interop the function is one level down.
const jsQR = jsQRModule.default;

export interface CameraScan {
  stop(): void;
}

export async function scanWithCamera(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
): Promise<CameraScan> {
  const stream = await navigator.mediaDevices.getUserMedia({
    // A credential QR is dense (version 20 and up): at a camera's default 640x480 its modules
    // are a pixel or two wide, so ask for more; a camera that cannot gives what it has.
    video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let running = true;
  const stop = (): void => {
    running = false;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  const frame = (): void => {
    if (!running) return;
    if (context && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height);
      if (code && code.data !== '') {
        stop();
        onCode(code.data);
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return { stop };
}
