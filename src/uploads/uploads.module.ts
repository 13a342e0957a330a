import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WidgetModule } from '../widget/widget.module';
import { FileUpload } from './entities/file-upload.entity';
import { MessageFile } from './entities/message-file.entity';
import { FILE_STORAGE } from './storage/file-storage';
import { LocalDiskStorage } from './storage/local-disk-storage';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

/** `/api/upload`: files visitors and agents attach to messages, kept by FILE_STORAGE (local disk by default). */
@Module({
  imports: [TypeOrmModule.forFeature([FileUpload, MessageFile]), WidgetModule],
  controllers: [UploadsController],
  providers: [UploadsService, { provide: FILE_STORAGE, useClass: LocalDiskStorage }],
})
export class UploadsModule {}
