/**
 * Imported by each call-screen component: the call screens' English texts join the English catalog when their
 * chunk (softphone-calls) loads, before any of those components can render.
 */
import { addCallTexts } from './catalog';
import { enCalls } from './enCalls';

addCallTexts(enCalls);
