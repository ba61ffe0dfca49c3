import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { IdParam } from '../../infra/http/id-param.pipe';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller } from '../../infra/http/access.decorators';
import { CreateProfileDto, ProfileDto, ProfileListDto, UpdateProfileDto } from './dto/profile.dto';
import { ProfilesService } from './profiles.service';

const BAD_FIELDS =
  'A field is invalid (code `validation.failed`): an unknown `network`, a `handle` empty, over 100 characters ' +
  'or with control characters, an `audienceSize` not an integer in 0..2000000000.';

@ApiTags('profiles')
@Authenticated()
@Controller('me/profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @ApiOperation({ summary: 'The member’s social profiles', description: 'Roles: any signed-in member.' })
  @ApiOkResponse({ type: ProfileListDto })
  list(@CurrentCaller() caller: Caller): Promise<ProfileListDto> {
    return this.profiles.list(caller);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a social profile',
    description: 'Roles: any signed-in member. One per network; the audience size starts its history.',
  })
  @ApiCreatedResponse({ type: ProfileDto })
  @ApiBadRequestResponse({ description: BAD_FIELDS })
  @ApiConflictResponse({ description: 'A profile on this network exists (code `profile.network_taken`).' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateProfileDto): Promise<ProfileDto> {
    return this.profiles.create(caller, body);
  }

  @Patch(':profileId')
  @ApiOperation({
    summary: 'Change a profile’s handle or audience size',
    description:
      'Roles: any signed-in member, on their own profiles. A new audience size is appended to the history.',
  })
  @ApiParam({ name: 'profileId', format: 'uuid' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiBadRequestResponse({ description: BAD_FIELDS })
  @ApiNotFoundResponse({ description: 'No such profile of the member (code `profile.not_found`).' })
  update(
    @CurrentCaller() caller: Caller,
    @IdParam('profileId') profileId: string,
    @Body() body: UpdateProfileDto,
  ): Promise<ProfileDto> {
    return this.profiles.update(caller, profileId, body);
  }

  @Delete(':profileId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a profile',
    description: 'Roles: any signed-in member, on their own profiles.',
  })
  @ApiParam({ name: 'profileId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed, with its history.' })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such profile of the member (code `profile.not_found`).' })
  remove(@CurrentCaller() caller: Caller, @IdParam('profileId') profileId: string): Promise<void> {
    return this.profiles.remove(caller, profileId);
  }
}
