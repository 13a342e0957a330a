import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Company } from '../companies/entities/company.entity';
import { Conversation } from '../conversations/entities/conversation.entity';
import { EventsModule } from '../events/events.module';
import { CustomerTag } from '../tags/entities/tag-links.entity';
import { CustomersController } from './customers.controller';
import { CustomerListService } from './customer-list.service';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { Customer } from './entities/customer.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Customer, Company, Conversation, CustomerTag]), EventsModule],
  controllers: [CustomersController],
  providers: [CustomersService, CustomerListService, CustomersRepository],
  exports: [CustomersService, CustomerListService],
})
export class CustomersModule {}
