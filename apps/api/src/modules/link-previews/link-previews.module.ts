import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { LinkPreviewsController } from './link-previews.controller';
import { LinkPreviewsService } from './link-previews.service';

/** Link previews of a pack's destination, and importing their picture as media. */
@Module({
  imports: [MediaModule],
  controllers: [LinkPreviewsController],
  providers: [LinkPreviewsService],
  exports: [LinkPreviewsService],
})
export class LinkPreviewsModule {}
