import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NETWORK_IDS, type NetworkId } from '@heimo/domain';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CONNECTION_STATUSES, type ConnectionStatus } from '../entities/connected-account.entity';

/**
 * What a member types to sign in on a network: a handle (`alice.bsky.social`, an optional `@` in
 * front), an e-mail address or a DID. No spaces or control characters.
 */
export const IDENTIFIER =
  /^(?:did:[a-z]+:[A-Za-z0-9._:%-]+|[^\s@]+@[^\s@]+\.[^\s@]+|@?(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/;

export class ConnectWithPasswordDto {
  @ApiProperty({
    example: 'aino.bsky.social',
    maxLength: 253,
    description: 'A handle (an `@` in front is fine), the account’s e-mail address or its DID.',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(253)
  @Matches(IDENTIFIER, { message: 'identifier must be a handle, an e-mail address or a DID' })
  identifier!: string;

  @ApiProperty({
    example: 'abcd-efgh-ijkl-mnop',
    maxLength: 200,
    description:
      'An app password made for Heimo in the network’s settings (never the account’s own password).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  appPassword!: string;

  @ApiPropertyOptional({
    example: 'https://pds.example.org',
    description:
      'The member’s own server (a self-hosted Bluesky PDS). Left out: the network’s default. Only public https ' +
      'servers are reached (`connection.refused` otherwise).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  server?: string;
}

export class StartAuthorizationDto {
  @ApiProperty({
    example: 'https://mastodon.example',
    description: 'The member’s server, as a URL or a host name.',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  server!: string;
}

export class AuthorizationDto {
  @ApiProperty({ description: 'Send the member here; the server sends them back to the callback.' })
  authorizationUrl!: string;
}

export class ConnectionDto {
  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty({ example: 'aino.bsky.social' })
  handle!: string;

  @ApiProperty({ example: 'https://bsky.app/profile/aino.bsky.social' })
  profileUrl!: string;

  @ApiProperty({ example: 1200, description: 'Followers as the network last reported them (daily).' })
  followers!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  followersCheckedAt!: string;

  @ApiProperty({
    enum: CONNECTION_STATUSES,
    enumName: 'ConnectionStatus',
    description: '`broken`: the network refused the stored credentials; connect again.',
  })
  status!: ConnectionStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  connectedAt!: string;
}

export class ConnectableNetworkDto {
  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty({ description: 'Heimo can connect an account on this network.' })
  offered!: boolean;

  @ApiProperty({
    enum: ['app_password', 'instance_oauth'],
    enumName: 'ConnectMethod',
    nullable: true,
    description:
      'How: an identifier and app password, or OAuth on the member’s server. Null when not offered.',
  })
  connect!: 'app_password' | 'instance_oauth' | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it is not offered (a partner-only API).' })
  reason!: string | null;

  @ApiProperty({ type: ConnectionDto, nullable: true, description: 'The member’s connection, if any.' })
  connection!: ConnectionDto | null;
}

export class ConnectionListDto {
  @ApiProperty({ type: [ConnectableNetworkDto] })
  items!: ConnectableNetworkDto[];
}
