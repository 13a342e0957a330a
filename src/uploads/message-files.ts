import { EntityManager, In } from 'typeorm';
import { invalidFields } from '../common/errors';
import { FileUpload } from './entities/file-upload.entity';
import { MessageFile } from './entities/message-file.entity';

/** Most files one message may carry. */
export const MAX_FILES_PER_MESSAGE = 10;

/**
 * Attaches files of the account to a new message, inside the message's transaction. Unknown (or another
 * account's) ids are a 422 on `file_ids`, as a bad `conversation_id` is.
 */
export async function attachFiles(
  manager: EntityManager,
  accountId: string,
  messageId: string,
  fileIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(fileIds.map((id) => id.toLowerCase()))];
  if (!ids.length) return;
  if (ids.length > MAX_FILES_PER_MESSAGE) throw invalidFields({ file_ids: ['has too many entries'] });
  const found = await manager.countBy(FileUpload, { id: In(ids), accountId });
  if (found !== ids.length) throw invalidFields({ file_ids: ['does not exist'] });
  await manager.insert(
    MessageFile,
    ids.map((fileId) => ({ accountId, messageId, fileId })),
  );
}
