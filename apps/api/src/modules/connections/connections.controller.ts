import {
  type ArgumentMetadata,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Param,
  type PipeTransform,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiSeeOtherResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AppError, ValidationError } from '../../infra/http/app-error';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import type { Caller } from '../../infra/http/caller';
import { ConnectionsService } from './connections.service';
import {
  AuthorizationDto,
  ConnectionDto,
  ConnectionListDto,
  ConnectWithPasswordDto,
  StartAuthorizationDto,
} from './dto/connection.dto';

/** A network id as a path parameter: lower-case letters only, else 400 naming `network`. */
@Injectable()
class ParseNetworkPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && /^[a-z]{1,40}$/.test(value)) return value;
    const field = metadata.data ?? 'network';
    throw new ValidationError([
      { field, code: 'validation.network', message: `${field} must be a network id` },
    ]);
  }
}
const NetworkParam = () => Param('network', ParseNetworkPipe);

/** Both are required; they are optional here so an unknown network answers 404 before them. */
export class AuthorizationCallbackQuery {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  code?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  state?: string;
}

const NETWORK_ERRORS =
  '404 `connection.network_unknown`; 422 `connection.not_offered` (the network offers no such connection: ' +
  'partner-only API, none, or another method), `connection.invalid_credentials`, `connection.refused` (the ' +
  'network refused, or the server is not a public address); 429 `connection.rate_limited` (with Retry-After); ' +
  '502 `connection.network_unavailable`.';

/** The web page the OAuth callback sends the member back to. */
export const CONNECTIONS_PAGE = '/me/connections';

@ApiTags('connections')
@Authenticated()
@Controller('me/connections')
export class ConnectionsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: ConnectionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Networks the member can connect, with their connections',
    description:
      'Roles: any signed-in member. Every network whose API is open (how to connect, the connection if any) and ' +
      'every partner-only network (`offered: false` with the reason); networks with no API are left out.',
  })
  @ApiOkResponse({ type: ConnectionListDto })
  list(@CurrentCaller() caller: Caller): Promise<ConnectionListDto> {
    return this.connections.list(caller);
  }

  @Post(':network')
  @Roles('advocate')
  @ApiOperation({
    summary: 'Connect an account with an app password',
    description:
      'Roles: advocate. For `app_password` networks (Bluesky): signs in, stores the session sealed, reads the ' +
      'follower count into the member’s social profile on the network (verified). Connecting again replaces ' +
      'the connection.',
  })
  @ApiParam({ name: 'network', example: 'bluesky' })
  @ApiCreatedResponse({ type: ConnectionDto })
  @ApiBadRequestResponse({
    description: 'A malformed `identifier`, `appPassword` or network (`validation.failed`).',
  })
  @ApiUnprocessableEntityResponse({ description: NETWORK_ERRORS })
  @ApiTooManyRequestsResponse({ description: '`connection.rate_limited`' })
  connect(
    @CurrentCaller() caller: Caller,
    @NetworkParam() network: string,
    @Body() body: ConnectWithPasswordDto,
  ): Promise<ConnectionDto> {
    return this.connections.connectWithPassword(caller, network, body);
  }

  @Post(':network/authorize')
  @Roles('advocate')
  @ApiOperation({
    summary: 'Start connecting an account by OAuth on the member’s server',
    description:
      'Roles: advocate. For `instance_oauth` networks (Mastodon): the URL to send the member to. The `state` in ' +
      'it is bound to this session, single use, and expires after 10 minutes.',
  })
  @ApiParam({ name: 'network', example: 'mastodon' })
  @ApiCreatedResponse({ type: AuthorizationDto })
  @ApiBadRequestResponse({ description: 'A malformed `server` or network (`validation.failed`).' })
  @ApiUnprocessableEntityResponse({ description: NETWORK_ERRORS })
  authorize(
    @CurrentCaller() caller: Caller,
    @NetworkParam() network: string,
    @Body() body: StartAuthorizationDto,
  ): Promise<AuthorizationDto> {
    return this.connections.startAuthorization(caller, network, body.server);
  }

  @Get(':network/callback')
  @Roles('advocate')
  @ApiOperation({
    summary: 'Where the member’s server sends them back after authorising Heimo',
    description:
      `Roles: advocate, in the session that started it. Connects the account and answers 303 to ` +
      `\`${CONNECTIONS_PAGE}?connected=<network>\`, or \`?error=<code>\` when the state is unknown, used, ` +
      'expired or another session’s (`connection.oauth_state_invalid`) or the network refused.',
  })
  @ApiParam({ name: 'network', example: 'mastodon' })
  @ApiSeeOtherResponse({ description: 'Back to the web page, with the outcome.' })
  @ApiBadRequestResponse({ description: 'No `code` or `state` (`validation.failed`).' })
  @ApiNotFoundResponse({ description: '`connection.network_unknown`' })
  @ApiResponse({ status: 422, description: '`connection.not_offered`' })
  async callback(
    @CurrentCaller() caller: Caller,
    @NetworkParam() network: string,
    @Query() query: AuthorizationCallbackQuery,
    @Res() res: Response,
  ): Promise<void> {
    const page = `${this.config.publicUrl}${CONNECTIONS_PAGE}`;
    try {
      await this.connections.completeAuthorization(caller, network, query.state ?? null, query.code ?? null);
      res.redirect(303, `${page}?connected=${encodeURIComponent(network)}`);
    } catch (error) {
      // A malformed request, an unknown or unoffered network answer as any route does; the rest go back to the page.
      if (
        !(error instanceof AppError) ||
        error.status === 400 ||
        error.status === 404 ||
        error.code === 'connection.not_offered'
      )
        throw error;
      res.redirect(303, `${page}?error=${encodeURIComponent(error.code)}`);
    }
  }

  @Delete(':network')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Disconnect',
    description:
      'Roles: any signed-in member. Deletes the connection and its credentials; the network is asked to revoke ' +
      'them (best effort, not waited for). The social profile keeps the last count, self-reported again. ' +
      'Shares still being verified are settled at their deadline as any other.',
  })
  @ApiParam({ name: 'network', example: 'bluesky' })
  @ApiNoContentResponse({ description: 'Disconnected.' })
  @ApiBadRequestResponse({ description: 'A malformed network (`validation.failed`).' })
  @ApiNotFoundResponse({ description: '`connection.network_unknown`, `connection.not_found`' })
  disconnect(@CurrentCaller() caller: Caller, @NetworkParam() network: string): Promise<void> {
    return this.connections.disconnect(caller, network);
  }
}
