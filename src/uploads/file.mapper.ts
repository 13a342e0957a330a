import { FileResponse } from './dto/file.response';
import type { FileUpload } from './entities/file-upload.entity';

export const toFileResponse = (file: FileUpload): FileResponse => ({
  id: file.id,
  object: 'file',
  file_url: file.fileUrl,
  content_type: file.contentType,
  filename: file.filename,
});
