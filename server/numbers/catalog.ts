/** The simulated numbers the local gateway answers (E.164, all valid per libphonenumber-js; 555-01xx is fictional). */
export const NumberKind = {
  Echo: 'echo',
  Ivr: 'ivr',
  Busy: 'busy',
  NoAnswer: 'no-answer',
  Reject: 'reject',
  SlowAnswer: 'slow-answer',
  BadNetwork: 'bad-network',
} as const;
export type NumberKind = (typeof NumberKind)[keyof typeof NumberKind];

export interface NumberPlanEntry {
  number: string;
  kind: NumberKind;
  name: string;
  description: string;
}

export const NUMBER_PLAN: readonly NumberPlanEntry[] = [
  {
    number: '+14155550100',
    kind: 'echo',
    name: 'Echo test',
    description: "Answers and sends back everything you say, like Twilio's echo test.",
  },
  {
    number: '+14155550101',
    kind: 'ivr',
    name: 'IVR menu',
    description:
      'Plays a tone prompt and reacts to keypad digits (1 sales, 2 support, * repeat, 9 hang up, 0 back); reports each key as a call message and answers your call messages.',
  },
  { number: '+14155550102', kind: 'busy', name: 'Busy line', description: 'Fails before answer with 31486 Busy Here.' },
  {
    number: '+14155550103',
    kind: 'no-answer',
    name: 'No answer',
    description: 'Rings until you hang up or 60 s pass, then fails with 31480 Temporarily Unavailable.',
  },
  {
    number: '+14155550104',
    kind: 'reject',
    name: 'Declines',
    description: 'Rings briefly, then the callee declines (31486 Busy Here, as Twilio reports a rejected call).',
  },
  {
    number: '+14155550105',
    kind: 'slow-answer',
    name: 'Slow answer',
    description: 'Rings for 3 s, then answers with an echo.',
  },
  {
    number: '+14155550106',
    kind: 'bad-network',
    name: 'Bad network',
    description:
      'An echo whose audio loses packets and jitters for the first 15 s, so quality warnings appear and then clear.',
  },
];
