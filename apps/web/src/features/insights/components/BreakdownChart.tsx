import { Box, useMantineTheme } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../../app/i18n/format';

export interface BreakdownBar {
  key: string;
  label: string;
  value: number;
  /** `#RRGGBB` (a network's brand colour) or a Mantine colour name. */
  color: string;
}

interface BreakdownChartProps {
  bars: readonly BreakdownBar[];
  /** The figure the bars show, for the tooltip. */
  figure: string;
  formatValue?: (value: number) => string;
  label: string;
}

const BAR_ROW = 36;

/** One figure per network or team as horizontal bars: long names stay readable on a phone. */
export function BreakdownChart({ bars, figure, formatValue, label }: BreakdownChartProps) {
  const theme = useMantineTheme();
  const format = useFormat();
  const show = formatValue ?? format.integer;
  const colour = (name: string) => (name.startsWith('#') ? name : (theme.colors[name]?.[7] ?? name));
  return (
    <Box role="img" aria-label={label} h={bars.length * BAR_ROW + 48} w="100%" miw={0}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={bars.map((bar) => ({ ...bar }))}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={theme.colors.gray[2]} horizontal={false} />
          <XAxis
            type="number"
            tickFormatter={(value: number) => format.compact(value)}
            tick={{ fontSize: 12, fill: theme.colors.gray[7] }}
            allowDecimals={false}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={112}
            tick={{ fontSize: 12, fill: theme.colors.gray[8] }}
            interval={0}
          />
          <Tooltip
            cursor={{ fill: theme.colors.gray[1] }}
            formatter={(value) => [typeof value === 'number' ? show(value) : String(value), figure]}
          />
          <Bar dataKey="value" name={figure} barSize={20} radius={[0, 4, 4, 0]} isAnimationActive={false}>
            {bars.map((bar) => (
              <Cell key={bar.key} fill={colour(bar.color)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
