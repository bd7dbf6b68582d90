// Photos for the visit form: a phone camera picture (often 3–8 MB) is scaled down to
// at most PHOTO_MAX_EDGE pixels and re-encoded as JPEG before it is queued, so it
// uploads over a weak signal and stays under the server's size limit
// (policy visits.photo_max_bytes). Small JPEG/PNG/WebP files are kept as they are; a
// picture the browser cannot decode is kept as it is too (the server checks its type
// and says so on the queue item).
export const PHOTO_MAX_EDGE = 1600;
const KEEP_BELOW_BYTES = 900 * 1024;
const KEPT_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export async function preparePhoto(file: Blob): Promise<Blob> {
  if (KEPT_TYPES.has(file.type) && file.size <= KEEP_BELOW_BYTES) return file;
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PHOTO_MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close?.();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

/** A fresh client_id for a visit (crypto.randomUUID, with a fallback for old browsers). */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
