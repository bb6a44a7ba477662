/**
 * One small image of raw values in [0, 1] on a canvas of its own pixel size, enlarged by CSS
 * with `image-rendering: pixelated` so a learner sees the very pixels the network sees.
 */
import { useEffect, useRef } from 'react';
import { imageToRgba } from './digitInput';

/** Props of `PixelImage`. */
export interface PixelImageProps {
  /** Row-major values, `channels` per pixel; may hold a whole batch (see `offset`). */
  readonly values: Float32Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Where this image starts in `values`. */
  readonly offset?: number;
  /** CSS pixels per image pixel. */
  readonly scale: number;
  readonly testId?: string;
  readonly label?: string;
}

/** Draws `values` as a greyscale (1 channel) or RGB (3 channels) image. */
export function PixelImage({ values, width, height, channels, offset = 0, scale, testId, label }: PixelImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(imageToRgba(values, width, height, channels, offset), width, height), 0, 0);
  }, [values, width, height, channels, offset]);
  return (
    <canvas ref={ref} className="dw-pixel-image" width={width} height={height} data-testid={testId}
      style={{ width: width * scale, height: height * scale }} role={label ? 'img' : undefined} aria-label={label}
      aria-hidden={label ? undefined : true} />
  );
}
