import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { MembersService } from './members.service';

@Module({
  controllers: [MeController],
  providers: [MembersService],
  exports: [MembersService],
})
export class MembersModule {}
