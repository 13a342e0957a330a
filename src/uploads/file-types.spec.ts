import { checkFileType, cleanFilename, isInline } from './file-types';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('upload types', () => {
  it('accepts images only with their signature, served inline', () => {
    expect(checkFileType('image/png', PNG)).toEqual({ ok: true, contentType: 'image/png', inline: true });
    expect(checkFileType('IMAGE/JPEG; q=1', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: true });
    expect(checkFileType('image/gif', Buffer.from('GIF89a'))).toMatchObject({ ok: true });
    expect(checkFileType('image/webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toMatchObject({ ok: true });
    expect(checkFileType('image/png', Buffer.from('<html>'))).toEqual({
      ok: false,
      reason: 'the file is not a valid image/png',
    });
  });

  it('takes documents as downloads and refuses script-capable types', () => {
    expect(checkFileType('application/pdf', Buffer.from('%PDF'))).toEqual({
      ok: true,
      contentType: 'application/pdf',
      inline: false,
    });
    expect(checkFileType(undefined, Buffer.from('x'))).toMatchObject({
      ok: true,
      contentType: 'application/octet-stream',
    });
    for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/javascript', 'application/xml']) {
      expect(checkFileType(type, Buffer.from('<x/>')).ok).toBe(false);
    }
    expect(isInline('image/png')).toBe(true);
    expect(isInline('application/pdf')).toBe(false);
  });

  it('cleans file names: no paths, no control characters or quotes, spaces as dashes', () => {
    expect(cleanFilename('my screen shot.png')).toBe('my-screen-shot.png');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\\\Users\\\\a.txt')).toBe('a.txt');
    expect(cleanFilename('a"\u0000\u001fb.txt')).toBe('ab.txt');
    expect(cleanFilename('')).toBe('file');
    expect(cleanFilename(undefined)).toBe('file');
  });
});
