/**
 * The English catalog: every string the softphone shows or announces, and so the keys every other locale (es.ts)
 * and a host's `messages` prop provide. It loads in two parts: enIdle.ts at mount, enCalls.ts with the call screens.
 */
import { enCalls } from './enCalls';
import { enIdle } from './enIdle';

export const en = { ...enIdle, ...enCalls } as const;

export type UiMessageKey = keyof typeof en;
export type UiMessages = Readonly<Record<UiMessageKey, string>>;
