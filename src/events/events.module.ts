import { Module } from '@nestjs/common';
import { ReviewModule } from '../review/review.module';
import { EventsController } from './events.controller';
import { LiveEventsService } from './live-events.service';

@Module({
  imports: [ReviewModule],
  controllers: [EventsController],
  providers: [LiveEventsService],
})
export class EventsModule {}
