import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { SltPack, SltPackItem } from '../feedback/slt-pack';

const labelled = (label: string, value: string) =>
  new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value.trim() === '' ? '—' : value)] });

function itemParagraphs(item: SltPackItem): Paragraph[] {
  const heading = new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`${item.personName}, ${item.meetingTitle} (${item.meetingDate})`)] });
  if (item.nothingToReport) return [heading, new Paragraph('Nothing to report this time.')];
  const due = item.dueOn ? `, due ${item.dueOn}` : '';
  return [
    heading,
    labelled('Key messages', item.keyMessages),
    labelled('Contextualising the priorities', item.contextualisation),
    labelled('For SLT to know or decide', item.forSlt),
    labelled('Actions', item.actions),
    labelled('Status', `${item.status}${item.ownerName ? `, owner ${item.ownerName}` : ''}${due}`),
    ...(item.notes.trim() ? [labelled('Notes', item.notes)] : []),
  ];
}

/** The SLT pack as a Word document: a section per community with its priorities, response rate and each answer with its status. */
export async function sltPackDocx(pack: SltPack): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(pack.title)] }),
    new Paragraph({ children: [new TextRun({ text: `Meetings from ${pack.periodLabel}`, italics: true })] }),
  ];
  if (pack.communities.length === 0) children.push(new Paragraph('No community asked this academy for feedback in this period.'));
  for (const community of pack.communities) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(community.name)] }));
    children.push(new Paragraph({ children: [new TextRun(`${community.answered} of ${community.asked} colleagues asked have answered.`)] }));
    if (community.priorities.length > 0) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Priorities')] }));
      for (const priority of community.priorities) children.push(new Paragraph({ text: priority, bullet: { level: 0 } }));
    }
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Feedback and actions')] }));
    if (community.items.length === 0) children.push(new Paragraph('No answers yet.'));
    for (const item of community.items) children.push(...itemParagraphs(item));
  }
  const document = new Document({
    title: pack.title,
    creator: pack.academyName,
    description: `${pack.title}, ${pack.periodLabel}`,
    styles: { default: { document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
