import { Anchor, Badge, Card, Group, Image, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstScreenShown } from '../../../app/firstScreen';
import { useFormat } from '../../../app/i18n/format';
import { NetworkMark, networkLabel } from '../../profile/components/NetworkMark';
import type { FeedItem, Readiness, SharingRules } from '../types';
import { NetworkPanel } from './NetworkPanel';

interface FeedCardProps {
  item: FeedItem;
  mayShare: boolean;
  /** The training modules that keep sharing locked. */
  blocking?: Readiness['blocking'];
  rules: SharingRules | undefined;
  /** Opened from a link to this pack (an e-mail's share button): scroll to it and mark it. */
  focused?: boolean;
  /** The network tab to open first, when it is one of the pack's. */
  initialNetwork?: string | null;
  /** The first card: its picture is the page's largest, fetched before the others. */
  first?: boolean;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** One pack: its picture and words, and a tab per network with that network's caption and share button. */
export function FeedCard({
  item,
  mayShare,
  blocking,
  rules,
  focused = false,
  initialNetwork = null,
  first = false,
}: FeedCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [network, setNetwork] = useState<string | null>(
    item.variants.find((variant) => variant.network === initialNetwork)?.network ??
      item.variants[0]?.network ??
      null,
  );
  // A network's panel is rendered once its tab has been open, and kept (its caption edit and share
  // state with it): ten cards of three panels each, every panel with a caption box that measures
  // itself, made the feed's first render several times the work of the tabs on show.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set(network ? [network] : []));
  const open = (next: string | null) => {
    setNetwork(next);
    if (next && !opened.has(next)) setOpened(new Set([...opened, next]));
  };
  const card = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) card.current?.scrollIntoView({ block: 'start' });
  }, [focused]);
  const image = item.media.find((media) => media.kind === 'image');
  const titleId = `pack-${item.packId}`;
  const linkHost = item.destinationUrl ? hostOf(item.destinationUrl) : null;

  return (
    <Card
      ref={card}
      withBorder
      radius="md"
      padding="md"
      component="li"
      aria-labelledby={titleId}
      aria-current={focused ? 'true' : undefined}
      style={focused ? { borderColor: 'var(--mantine-primary-color-filled)', borderWidth: 2 } : undefined}
    >
      {image ? (
        <Card.Section mb="sm">
          {/* The curator's description; media from before descriptions existed are named by the pack's title. */}
          <Image
            src={image.url}
            alt={image.altText || item.title}
            h={180}
            fit="cover"
            fetchPriority={first ? 'high' : undefined}
            onLoad={first ? firstScreenShown : undefined}
            onError={first ? firstScreenShown : undefined}
            data-testid="feed-picture"
          />
        </Card.Section>
      ) : null}
      {!image && item.destinationUrl && linkHost ? (
        // No picture: the link card the networks show, so the card looks like what will be posted.
        <Card.Section mb="sm" px="sm" bg="var(--mantine-color-default-hover)" data-testid="feed-link-card">
          <Anchor
            href={item.destinationUrl}
            target="_blank"
            rel="noopener noreferrer"
            size="xs"
            c="dimmed"
            tt="uppercase"
            // A whole-width tap target of at least 44 px.
            style={{ overflowWrap: 'anywhere', display: 'flex', alignItems: 'center', minHeight: 44 }}
          >
            {t('feed.linkCard', { host: linkHost })}
          </Anchor>
        </Card.Section>
      ) : null}
      <Stack gap={4}>
        <Title order={2} fz="h4" id={titleId} style={{ overflowWrap: 'anywhere' }}>
          {item.title}
        </Title>
        {item.summary ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {item.summary}
          </Text>
        ) : null}
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {t('feed.published', { date: format.shortDate(new Date(item.publishedAt)) })}
          </Text>
          {item.expireAt ? (
            <Badge variant="light" color="orange" tt="none">
              {t('feed.expires', { date: format.dateTime(new Date(item.expireAt)) })}
            </Badge>
          ) : null}
        </Group>
      </Stack>

      {item.variants.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('feed.noVariants')}
        </Text>
      ) : (
        <Tabs value={network} onChange={open} mt="sm" keepMounted>
          <Tabs.List aria-label={t('feed.networks')}>
            {item.variants.map((variant) => (
              <Tabs.Tab
                key={variant.network}
                value={variant.network}
                mih={44}
                px="xs"
                leftSection={<NetworkMark network={variant.network} size={24} />}
                rightSection={
                  variant.shared ? (
                    <Badge size="xs" color="teal" variant="light" tt="none">
                      {t('feed.sharedBadge')}
                    </Badge>
                  ) : null
                }
              >
                {networkLabel(variant.network)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {item.variants.map((variant) => (
            <Tabs.Panel key={variant.network} value={variant.network}>
              {opened.has(variant.network) ? (
                <NetworkPanel
                  item={item}
                  variant={variant}
                  mayShare={mayShare}
                  blocking={blocking}
                  rules={rules}
                  active={network === variant.network}
                />
              ) : null}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Card>
  );
}
