import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { HiddenCaption } from './HiddenCaption';

export interface FigureColumn<Row> {
  key: string;
  label: string;
  /** Figures align right so their digits line up. */
  numeric?: boolean;
  render: (row: Row) => ReactNode;
}

interface FigureTableProps<Row> {
  caption: string;
  columns: readonly FigureColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  minWidth?: number;
}

/** A table of figures that scrolls inside its own box on a phone, never the page. */
export function FigureTable<Row>({ caption, columns, rows, rowKey, minWidth = 560 }: FigureTableProps<Row>) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table verticalSpacing="xs" striped highlightOnHover>
        <HiddenCaption>{caption}</HiddenCaption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} ta={column.numeric ? 'right' : undefined} scope="col">
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <Table.Td
                  key={column.key}
                  ta={column.numeric ? 'right' : undefined}
                  style={column.numeric ? { fontVariantNumeric: 'tabular-nums' } : undefined}
                >
                  {column.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
