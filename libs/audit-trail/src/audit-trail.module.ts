import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TimelineEntry } from './timeline-entry.entity';
import { TimelineProjection } from './timeline.projection';

@Module({
  imports: [TypeOrmModule.forFeature([TimelineEntry])],
  providers: [TimelineProjection],
  exports: [TypeOrmModule],
})
export class AuditTrailModule {}
