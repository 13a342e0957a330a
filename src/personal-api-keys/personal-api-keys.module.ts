import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalApiKey } from './entities/personal-api-key.entity';
import { PersonalApiKeysController } from './personal-api-keys.controller';
import { PersonalApiKeysService } from './personal-api-keys.service';

@Module({
  imports: [TypeOrmModule.forFeature([PersonalApiKey])],
  controllers: [PersonalApiKeysController],
  providers: [PersonalApiKeysService],
})
export class PersonalApiKeysModule {}
