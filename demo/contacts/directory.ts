/** The demo's address book: the two browser phones and the local gateway's simulated numbers. */
export interface Contact {
  name: string;
  /** What `dial` gets: `client:<identity>` or an E.164 number. */
  address: string;
  description: string;
}

export const CONTACTS: readonly Contact[] = [
  { name: 'Alice', address: 'client:alice', description: 'Browser phone' },
  { name: 'Bob', address: 'client:bob', description: 'Browser phone' },
  { name: 'Echo', address: '+14155550100', description: 'Repeats what you say' },
  { name: 'IVR', address: '+14155550101', description: 'Menu that answers keypad tones' },
  { name: 'Busy line', address: '+14155550102', description: 'Always busy' },
  { name: 'No answer', address: '+14155550103', description: 'Rings until it times out' },
  { name: 'Rejecting line', address: '+14155550104', description: 'Rejects the call' },
  { name: 'Slow answer', address: '+14155550105', description: 'Answers after a long ring' },
  { name: 'Bad network', address: '+14155550106', description: 'Answers with degraded audio' },
];
