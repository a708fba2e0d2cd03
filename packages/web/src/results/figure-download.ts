/**
 * Saving figures and tables from the page. Everything is made in the browser from what the page
 * shows (works offline); a PNG is the figure's SVG drawn onto a canvas, no library needed.
 */

/** PNGs are drawn at three times the figure's size: about 300 dpi at a journal column's width. */
export const PNG_SCALE = 3;

/** Saves a blob under a file name, as a click on a download link would. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: a browser may still be reading the blob for the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function svgBlob(svg: string): Blob {
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`], {
    type: 'image/svg+xml;charset=utf-8',
  });
}

/**
 * The SVG as a PNG of `width` × `height` × `scale` pixels on white: the browser draws the vector
 * image at that size (crisp, not a scaled-up bitmap).
 */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  scale = PNG_SCALE,
): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.fillStyle = '#FFFFFF';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('The browser could not encode the PNG.');
    return png;
  } finally {
    URL.revokeObjectURL(url);
  }
}
