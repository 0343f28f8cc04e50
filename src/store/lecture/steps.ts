/**
 * The guided lecture: one step per idea, each a view of the opening model's precomputed TSC trace
 * (which panels, which round/stage, which t) and one or two plain sentences. The lecture slice
 * applies a step to the store; the views only render what the store says.
 */
export type LecturePanel = 'trigger' | 'samples' | 'permutation' | 'curve' | 'plane' | 'results' | 'defenses';

export interface LectureStep {
  title: string;
  /** one or two sentences a lecturer can read out */
  text: string;
  /** the panels on screen, in order (everything else is hidden) */
  panels: LecturePanel[];
  round: number;
  stage: 1 | 2;
  t: number;
  /** t sweeps 0 → 1 by itself when the step opens (Space pauses) */
  animate?: boolean;
}

export const LECTURE_STEPS: LectureStep[] = [
  {
    title: 'A backdoored model',
    text: 'This classifier is right on clean digits, but a small white patch (the trigger) makes it answer 0, whatever the digit. That is the backdoor TSC removes, using only 5 % clean data.',
    panels: ['trigger', 'samples'],
    round: 1,
    stage: 1,
    t: 0,
  },
  {
    title: 'Permutation symmetry',
    text: 'Shuffling the hidden units of a layer, and the weights that feed and read them, gives the same function π(θ): the logits differ by float rounding only. TSC picks the shuffle that makes π(θ) least like θ.',
    panels: ['permutation'],
    round: 1,
    stage: 1,
    t: 0,
  },
  {
    title: 'A straight line is not a path',
    text: 'θ and π(θ) compute the same function, yet the straight line between them (dashed) crosses high loss. A trained quadratic Bézier curve θ(t) bends around it and keeps clean loss low.',
    panels: ['curve'],
    round: 1,
    stage: 1,
    t: 0.5,
  },
  {
    title: 'Stage 1: un-align, then connect',
    text: 'Along the curve, clean loss stays bounded while the loss on triggered images rises far above its value at the ends. Watch the middle of the curve, where some triggered images stop answering 0.',
    panels: ['curve', 'samples'],
    round: 1,
    stage: 1,
    t: 0,
    animate: true,
  },
  {
    title: 'Stage 2: align back, connect again',
    text: 'TSC takes θ(0.4) from stage 1, aligns it back towards the original and fits a second curve. Its point at t = 0.4 is the round’s output: clean accuracy comes back, with the triggered loss a little higher than at the start.',
    panels: ['curve', 'samples'],
    round: 1,
    stage: 2,
    t: 0.4,
  },
  {
    title: 'Three rounds',
    text: 'Each round repeats both stages from the last output, with a short fine-tune in between. The triggered loss climbs round after round while clean accuracy stays above 90 %.',
    panels: ['curve', 'results'],
    round: 3,
    stage: 2,
    t: 0.4,
  },
  {
    title: 'Next to other defenses',
    text: 'The same model purified by TSC, by mode-connectivity repair (MCR) and by plain fine-tuning (FT) on the same clean data: compare clean accuracy (ACC) and attack success rate (ASR).',
    panels: ['defenses'],
    round: 3,
    stage: 2,
    t: 0.4,
  },
  {
    title: 'The loss plane',
    text: 'The plane through θA, θc and θB shows where the curve runs: it bends off the straight line into a valley of low clean loss (left), and the poisoned loss along it (right) is higher in the middle than at the ends.',
    panels: ['plane'],
    round: 1,
    stage: 1,
    t: 0.4,
  },
];
