import type { AssessmentForm } from '../../core/self-assessment/responses';
import descriptorTemplate from './self-assessment-descriptor-card.json';
import reviewTemplate from './self-assessment-review-card.json';
import { renderCard, type AdaptiveCard } from './render-card';

/** One descriptor of a person's self-assessment, with "3 of 10" progress; what they typed is shown again after a problem. */
export function selfAssessmentDescriptorCard(form: AssessmentForm, position: number, options: { problem?: string; typed?: { level: string; evidence: string; developmentStep: string } } = {}): AdaptiveCard {
  const descriptors = form.framework.descriptors;
  const descriptor = descriptors.find((d) => d.position === position) ?? descriptors[0]!;
  const saved = form.answers.find((a) => a.descriptorId === descriptor.id);
  const index = descriptors.indexOf(descriptor);
  return renderCard(descriptorTemplate, {
    cycleId: form.cycle.id,
    cycleName: form.cycle.name,
    progress: `${index + 1} of ${descriptors.length}`,
    position: descriptor.position,
    title: descriptor.title,
    statement: descriptor.statement,
    behaviours: descriptor.behaviours.map((b) => `- ${b}`).join('\n'),
    exceptionalLooksLike: descriptor.exceptionalLooksLike,
    problem: options.problem ?? '',
    level: options.typed?.level ?? (saved?.level != null ? String(saved.level) : ''),
    evidence: options.typed?.evidence ?? saved?.evidence ?? '',
    developmentStep: options.typed?.developmentStep ?? saved?.developmentStep ?? '',
    choices: form.framework.scale.map((s) => ({ title: `${s.label}: ${s.meaning}`, value: String(s.level) })),
    nextLabel: index + 1 === descriptors.length ? 'Save and review' : 'Save and next',
  });
}

/** Every descriptor's chosen level, with Submit once all have one; also the card a submitted or closed assessment shows. */
export function selfAssessmentReviewCard(form: AssessmentForm, options: { tabUrl: string; problem?: string }): AdaptiveCard {
  const levelName = (level: number | null) => {
    const entry = form.framework.scale.find((s) => s.level === level);
    return entry ? `${entry.level} ${entry.label}` : 'Not answered yet';
  };
  const byDescriptor = new Map(form.answers.map((a) => [a.descriptorId, a.level]));
  const answered = form.framework.descriptors.filter((d) => byDescriptor.get(d.id) != null).length;
  const total = form.framework.descriptors.length;
  const submitted = form.status === 'submitted';
  const open = form.cycle.window === 'open';
  return renderCard(reviewTemplate, {
    heading: submitted ? `Submitted: ${form.cycle.name}` : `Check and submit: ${form.cycle.name}`,
    message: submitted
      ? 'Thank you. Your self-assessment is submitted; you can see it, and how it changes over time, in the app.'
      : open
        ? `You have answered ${answered} of ${total}. Once submitted, your answers can no longer change.`
        : `"${form.cycle.name}" is not open for answers. Everything you saved is kept.`,
    problem: options.problem ?? '',
    rows: form.framework.descriptors.map((d) => ({ title: `${d.position}. ${d.title}`, level: levelName(byDescriptor.get(d.id) ?? null) })),
    canSubmit: !submitted && open,
    cycleId: form.cycle.id,
    tabUrl: `${options.tabUrl}#/self-assessment`,
  });
}
