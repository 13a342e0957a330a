/**
 * What may be uploaded, by declared type. Images are served inline (the widget shows them) and must start
 * with their format's signature; everything else is served as a download. SVG, HTML, XML and script types
 * are refused outright: served from this origin they could run script.
 */
const IMAGE_SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

const DOWNLOADS = new Set([
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'application/octet-stream',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'video/mp4',
  'video/webm',
  'video/quicktime',
]);

export type FileTypeCheck = { ok: true; contentType: string; inline: boolean } | { ok: false; reason: string };

export function checkFileType(declared: string | undefined, head: Buffer): FileTypeCheck {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase() || 'application/octet-stream';
  const signature = IMAGE_SIGNATURES[type];
  if (signature) {
    return signature(head)
      ? { ok: true, contentType: type, inline: true }
      : { ok: false, reason: `the file is not a valid ${type}` };
  }
  if (DOWNLOADS.has(type)) return { ok: true, contentType: type, inline: false };
  return { ok: false, reason: `files of type ${type} are not accepted` };
}

export const isInline = (contentType: string) => contentType in IMAGE_SIGNATURES;

/** Papercups replaces spaces with dashes; this also drops path parts and control characters. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f' && c !== '"')
    .join('')
    .replace(/\s+/g, '-')
    .slice(0, 200);
  return cleaned || 'file';
}
