import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { UserProfile } from './entities/user-profile.entity';
import { UserSettings } from './entities/user-settings.entity';
import { User } from './entities/user.entity';
import { MeController } from './me.controller';
import { ProfileController } from './profile.controller';
import { UserSettingsController } from './user-settings.controller';
import { UserSettingsService } from './user-settings.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { UserAdminController } from './user-admin.controller';
import { UserAdminService } from './user-admin.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserProfile, UserSettings]), AuthModule],
  controllers: [MeController, UsersController, UserAdminController, ProfileController, UserSettingsController],
  providers: [UsersService, UserSettingsService, UserAdminService],
})
export class UsersModule {}
