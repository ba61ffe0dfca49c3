import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AuditModule } from '../audit/audit.module';
import { MediaController } from './media.controller';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { MediaUploadInterceptor } from './media-upload.interceptor';
import { PublicMediaController } from './public-media.controller';
import { LocalDiskMediaStorage } from './storage/local-disk-media-storage';
import { MEDIA_STORAGE } from './storage/media-storage';

/** Uploaded images and video. Other modules use `MediaService` (`store`, `findInOrganisation`, `publicUrl`). */
@Module({
  imports: [AuditModule],
  controllers: [MediaController, PublicMediaController],
  providers: [
    MediaService,
    MediaRepository,
    MediaUploadInterceptor,
    // The local disk under DATA_DIR; another storage (an S3-like store) replaces this one provider.
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskMediaStorage(config.DATA_DIR),
    },
  ],
  exports: [MediaService, MEDIA_STORAGE],
})
export class MediaModule {}
