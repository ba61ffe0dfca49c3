import { Box, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat, type DayBucket } from '../../../app/i18n/format';

export interface TrendLine<Point> {
  key: keyof Point & string;
  label: string;
  /** A Mantine colour name; shade 7 keeps the line above 3:1 against white. */
  color: string;
  /** Reach runs in thousands and clicks in tens: each gets its own axis so both stay readable. */
  axis: 'left' | 'right';
}

interface TrendChartProps<Point extends { start: string }> {
  points: readonly Point[];
  bucket: DayBucket;
  lines: readonly TrendLine<Point>[];
  /** Says what the chart shows to people who cannot see it; the table toggle gives the figures. */
  label: string;
}

/** Figures per day, week or month as lines; fits any width (ResponsiveContainer). */
export function TrendChart<Point extends { start: string }>({
  points,
  bucket,
  lines,
  label,
}: TrendChartProps<Point>) {
  const theme = useMantineTheme();
  const format = useFormat();
  const { i18n } = useTranslation();
  const colour = (name: string) => theme.colors[name]?.[7] ?? name;
  const hasRight = lines.some((line) => line.axis === 'right');
  return (
    <Box role="img" aria-label={label} h={280} w="100%" miw={0}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          // Re-drawn when the language changes, so axis labels follow it.
          key={i18n.resolvedLanguage}
          data={[...points]}
          margin={{ top: 8, right: hasRight ? 0 : 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={theme.colors.gray[2]} vertical={false} />
          <XAxis
            dataKey="start"
            tickFormatter={(day: string) => format.bucket(day, bucket)}
            tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
            minTickGap={16}
          />
          <YAxis
            yAxisId="left"
            tickFormatter={(value: number) => format.compact(value)}
            tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
            width={56}
            allowDecimals={false}
          />
          {hasRight ? (
            <YAxis
              yAxisId="right"
              orientation="right"
              tickFormatter={(value: number) => format.compact(value)}
              tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
              width={48}
              allowDecimals={false}
            />
          ) : null}
          <Tooltip
            labelFormatter={(day) => (typeof day === 'string' ? format.bucket(day, bucket) : '')}
            formatter={(value) => (typeof value === 'number' ? format.integer(value) : String(value))}
          />
          {/* In the order of the axes (reach left, clicks right), not alphabetically. */}
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          {lines.map((line) => (
            <Line
              key={line.key}
              yAxisId={line.axis}
              type="linear"
              dataKey={line.key}
              name={line.label}
              stroke={colour(line.color)}
              strokeWidth={2}
              dot={points.length <= 16}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
