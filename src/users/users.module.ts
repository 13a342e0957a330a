import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserProfile } from './entities/user-profile.entity';
import { UserSettings } from './entities/user-settings.entity';
import { User } from './entities/user.entity';
import { MeController } from './me.controller';
import { ProfileController } from './profile.controller';
import { UserSettingsController } from './user-settings.controller';
import { UserSettingsService } from './user-settings.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserProfile, UserSettings])],
  controllers: [MeController, UsersController, ProfileController, UserSettingsController],
  providers: [UsersService, UserSettingsService],
})
export class UsersModule {}
