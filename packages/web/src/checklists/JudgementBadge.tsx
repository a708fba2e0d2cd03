import type { ChecklistType, Judgement } from '@corates/shared';
import { judgementTone } from './judgement-tone.ts';
import './appraisal.css';

/**
 * A risk-of-bias judgement or AMSTAR 2 rating, as text on a traffic-light colour: the words carry
 * the meaning, the colour only repeats it.
 */
export function JudgementBadge(props: {
  type: ChecklistType;
  judgement: Judgement | undefined;
  fallback?: string;
}) {
  return (
    <span
      class={`judgement tone-${judgementTone(props.type, props.judgement?.value)}`}
      data-judgement={props.judgement?.value ?? ''}
    >
      {props.judgement?.label ?? props.fallback ?? '—'}
    </span>
  );
}
