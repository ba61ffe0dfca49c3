import { Anchor, Text, Title, Typography } from '@mantine/core';
import { memo, useMemo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { limitNesting, remarkBodySyntax, safeUrl } from './markdown';

/** What a body may make (CommonMark's elements); anything else would keep only its content. */
const ALLOWED_ELEMENTS = [
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr'],
  ...['em', 'strong', 'code', 'a', 'br', 'img'],
];
const REMARK_PLUGINS = [remarkBodySyntax];

/** The page title is the one h1: the body's headings start one level below it. */
function heading(order: 2 | 3 | 4 | 5 | 6) {
  return function Heading({ children }: { children?: ReactNode }) {
    return (
      <Title order={order} fz={order === 2 ? 'h3' : 'h4'} mt="md" mb="xs">
        {children}
      </Title>
    );
  };
}

const components: Components = {
  h1: heading(2),
  h2: heading(3),
  h3: heading(4),
  h4: heading(5),
  h5: heading(6),
  h6: heading(6),
  p: ({ children }) => (
    <Text component="p" mb="sm" lh={1.65}>
      {children}
    </Text>
  ),
  // An unsafe address was taken away by safeUrl: its link is its text.
  a: ({ href, children }) =>
    href ? (
      <Anchor href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </Anchor>
    ) : (
      <>{children}</>
    ),
  // No image is fetched from a body: its description stands in its place.
  img: ({ alt }) => <>{alt}</>,
};

/** A module body in Markdown, as React elements: nothing in it is ever read as HTML. */
export const MarkdownBody = memo(function MarkdownBody({ source }: { source: string }) {
  const markdown = useMemo(() => limitNesting(source), [source]);
  return (
    <Typography style={{ overflowWrap: 'anywhere' }}>
      <Markdown
        remarkPlugins={REMARK_PLUGINS}
        urlTransform={safeUrl}
        allowedElements={ALLOWED_ELEMENTS}
        unwrapDisallowed
        components={components}
      >
        {markdown}
      </Markdown>
    </Typography>
  );
});
