import { Column, Entity, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity';
import { BelongsTo, CreatedAt, HandWrittenIndexes, UpdatedAt } from '../../database/columns';
import { Message } from '../../messages/entities/message.entity';
import { FileUpload } from './file-upload.entity';

/** A file a message carries (its `attachments`). */
@HandWrittenIndexes('message_files_file_id_idx')
@Unique('message_files_message_id_file_id_key', ['messageId', 'fileId'])
@Entity('message_files')
export class MessageFile {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') accountId!: string;
  @Column('uuid') messageId!: string;
  @Column('uuid') fileId!: string;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;

  @BelongsTo(() => Account, 'account_id', 'CASCADE') account?: Relation<Account>;
  @BelongsTo(() => Message, 'message_id', 'CASCADE') message?: Relation<Message>;
  @BelongsTo(() => FileUpload, 'file_id', 'CASCADE') file?: Relation<FileUpload>;
}
