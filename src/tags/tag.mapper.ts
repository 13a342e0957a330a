import { toNaive } from '../common/serialization/time';
import { TagResponse } from './dto/tag.response';
import { Tag } from './entities/tag.entity';

export const toTagResponse = (tag: Tag): TagResponse => ({
  id: tag.id,
  object: 'tag',
  color: tag.color,
  created_at: toNaive(tag.createdAt),
  description: tag.description,
  name: tag.name,
  updated_at: toNaive(tag.updatedAt),
});
