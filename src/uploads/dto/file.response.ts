import { ApiSchema } from '@nestjs/swagger';
import { Example, ObjectProperty, UuidProperty } from '../../openapi/properties';

/** Papercups' file.json: an upload, and each of a message's `attachments`. */
@ApiSchema({ name: 'File' })
export class FileResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('file') object!: 'file';
  /** Absolute: the widget shows images from another origin. */
  @Example('https://chat.example.com/api/upload/0e2d5b0c-5a4a-4d3b-9b8e-2f6e3f1c9a10/content') file_url!: string;
  @Example('image/png') content_type!: string;
  @Example('screenshot.png') filename!: string;
}
