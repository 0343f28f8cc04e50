import { useEffect, useRef } from 'react';

interface Props {
  /** 28×28 grayscale, 0–255 */
  pixels: Uint8Array;
  size?: number;
  label: string;
}

/** A 28×28 image drawn pixel-exact on a canvas and scaled up with CSS. */
export function GrayImage({ pixels, size = 84, label }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = pixels[i];
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} className="gray-image" style={{ width: size, height: size }} role="img" aria-label={label} />;
}
