import { Anchor, Blockquote, Code, Divider, List, Text, Title, Typography } from '@mantine/core';
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

/** A module body in Markdown, as React elements: nothing in it is ever read as HTML. */
export function MarkdownBody({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <Typography style={{ overflowWrap: 'anywhere' }}>
      <Blocks blocks={blocks} />
    </Typography>
  );
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return blocks.map((block, index) => <BlockView key={index} block={block} />);
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'heading': {
      // The page title is the one h1: the body's headings start one level below it.
      const order = Math.min(block.level + 1, 6) as 2 | 3 | 4 | 5 | 6;
      return (
        <Title order={order} fz={order === 2 ? 'h3' : 'h4'} mt="md" mb="xs">
          <Inlines nodes={block.children} />
        </Title>
      );
    }
    case 'paragraph':
      return (
        <Text component="p" mb="sm" lh={1.65}>
          <Inlines nodes={block.children} />
        </Text>
      );
    case 'list':
      return (
        <List
          type={block.ordered ? 'ordered' : 'unordered'}
          start={block.ordered ? block.start : undefined}
          spacing={6}
          mb="sm"
          withPadding
        >
          {block.items.map((item, index) => (
            <List.Item key={index}>
              <Inlines nodes={item} />
            </List.Item>
          ))}
        </List>
      );
    case 'quote':
      return (
        <Blockquote color="indigo" p="md" mb="sm">
          <Blocks blocks={block.children} />
        </Blockquote>
      );
    case 'code':
      return (
        <Code block mb="sm">
          {block.text}
        </Code>
      );
    case 'rule':
      return <Divider my="md" />;
  }
}

function Inlines({ nodes }: { nodes: Inline[] }): ReactNode {
  return nodes.map((node, index) => <Fragment key={index}>{renderInline(node)}</Fragment>);
}

function renderInline(node: Inline): ReactNode {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'strong':
      return (
        <strong>
          <Inlines nodes={node.children} />
        </strong>
      );
    case 'em':
      return (
        <em>
          <Inlines nodes={node.children} />
        </em>
      );
    case 'code':
      return <Code>{node.text}</Code>;
    case 'break':
      return <br />;
    case 'link':
      return (
        <Anchor href={node.href} target="_blank" rel="noopener noreferrer">
          <Inlines nodes={node.children} />
        </Anchor>
      );
  }
}
