import { toNaive } from '../common/serialization/time';
import { Tag } from './entities/tag.entity';

export const toTagResponse = (tag: Tag) => ({
  id: tag.id,
  object: 'tag',
  color: tag.color,
  created_at: toNaive(tag.createdAt),
  description: tag.description,
  name: tag.name,
  updated_at: toNaive(tag.updatedAt),
});
