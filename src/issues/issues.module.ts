import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IssuesController } from './issues.controller';
import { IssuesService } from './issues.service';
import { Issue } from './entities/issue.entity';
import { CustomerIssuesController } from './customer-issues.controller';
import { CustomerIssuesService } from './customer-issues.service';

@Module({
  imports: [TypeOrmModule.forFeature([Issue])],
  controllers: [IssuesController, CustomerIssuesController],
  providers: [IssuesService, CustomerIssuesService],
})
export class IssuesModule {}
