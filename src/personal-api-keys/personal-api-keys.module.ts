import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { PersonalApiKey } from './entities/personal-api-key.entity';
import { PersonalApiKeysController } from './personal-api-keys.controller';
import { PersonalApiKeysService } from './personal-api-keys.service';

@Module({
  imports: [TypeOrmModule.forFeature([PersonalApiKey]), AuthModule],
  controllers: [PersonalApiKeysController],
  providers: [PersonalApiKeysService],
})
export class PersonalApiKeysModule {}
