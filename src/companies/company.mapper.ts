import { toNaive } from '../common/serialization/time';
import { CompanyResponse } from './dto/company.response';
import { Company } from './entities/company.entity';

export const toCompanyResponse = (company: Company): CompanyResponse => ({
  id: company.id,
  object: 'company',
  account_id: company.accountId,
  created_at: toNaive(company.createdAt),
  description: company.description,
  external_id: company.externalId,
  industry: company.industry,
  logo_image_url: company.logoImageUrl,
  metadata: company.metadata,
  name: company.name,
  slack_channel_id: company.slackChannelId,
  slack_channel_name: company.slackChannelName,
  slack_team_id: company.slackTeamId,
  slack_team_name: company.slackTeamName,
  updated_at: toNaive(company.updatedAt),
  website_url: company.websiteUrl,
});
