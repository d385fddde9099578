import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Schedule, ScheduleCommunity } from './schedule';

// A4 in twentieths of a point, turned to landscape so six columns with a join link fit.
const a4 = { width: 11906, height: 16838 };
const margin = 720;
const columns: Array<{ heading: string; share: number }> = [
  { heading: 'Meeting', share: 8 },
  { heading: 'Date', share: 13 },
  { heading: 'Time', share: 10 },
  { heading: 'Mode', share: 10 },
  { heading: 'Venue', share: 27 },
  { heading: 'Join link', share: 32 },
];
const tableWidth = a4.height - 2 * margin;
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

/** The schedule as a Word document: title, trust, then a heading with its lead(s) and a table per community. */
export async function scheduleDocx(schedule: Schedule): Promise<Buffer> {
  const document = new Document({
    title: schedule.title,
    creator: schedule.trustName,
    lastModifiedBy: schedule.trustName,
    description: `${schedule.title}: community meetings of ${schedule.trustName} for ${schedule.yearLabel}`,
    styles: { default: { document: { run: { font: 'Arial', size: 20, language: { value: 'en-GB' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: a4.width, height: a4.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun(`${schedule.title} · page `), new TextRun({ children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(schedule.title)] }),
          new Paragraph({ children: [new TextRun({ text: schedule.trustName, bold: true })] }),
          new Paragraph({ text: `Every community meeting of the ${schedule.yearLabel} academic year. Times are UK time.` }),
          ...schedule.communities.flatMap(communitySection),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function communitySection(community: ScheduleCommunity): Array<Paragraph | Table> {
  const heading = new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(community.name)] });
  const leads = new Paragraph({
    keepNext: true,
    spacing: { after: 120 },
    children: [new TextRun(community.leads.length > 0 ? `Led by ${joinNames(community.leads)}` : 'No lead named yet')],
  });
  if (community.rows.length === 0) return [heading, leads, new Paragraph({ text: 'No meetings are scheduled this year.' })];
  const table = new Table({
    width: { size: tableWidth, type: WidthType.DXA },
    columnWidths: columns.map((c) => columnWidth(c.share)),
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c) => cell(c.heading, c.share, true)),
      }),
      ...community.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: [row.meeting, row.date, row.time, row.mode, row.venue, row.joinUrl].map((text, i) => cell(text, columns[i]!.share, false)),
          }),
      ),
    ],
  });
  return [heading, leads, table];
}

function cell(text: string, share: number, isHeading: boolean): TableCell {
  return new TableCell({
    width: { size: columnWidth(share), type: WidthType.DXA },
    borders,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(isHeading ? { shading: { type: ShadingType.CLEAR, fill: 'E7EEF7', color: 'auto' } } : {}),
    children: [new Paragraph({ children: [new TextRun({ text, bold: isHeading, size: isHeading ? 20 : 18 })] })],
  });
}

function columnWidth(share: number): number {
  const total = columns.reduce((sum, c) => sum + c.share, 0);
  return Math.floor((tableWidth * share) / total);
}

/** `A`, `A and B`, `A, B and C` */
function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
