import type { RgbaPixels } from '../../engine/attacks/rgba';

/**
 * A picture file's pixels, decoded by the browser (createImageBitmap) on the main thread: the page's
 * counterpart of scripts/lib/trigger-arg-png.ts. The engine never sees the file, only the pixels,
 * read by src/engine/attacks/rgba.ts exactly as the CLI reads them. Pictures larger than 28×28
 * are refused there, so they are not scaled here.
 */
export async function readPicture(file: Blob): Promise<RgbaPixels> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch (err) {
    throw new Error('the file is not a picture the browser can read (use a PNG)', { cause: err });
  }
  try {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
  } finally {
    bitmap.close();
  }
}
